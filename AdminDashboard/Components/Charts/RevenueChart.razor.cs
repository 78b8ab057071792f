using AdminDashboard.Core.Upstream;
using MudBlazor;

namespace AdminDashboard.Components.Charts;

public partial class RevenueChart
{
    private readonly BarChartOptions _options = new() { ChartPalette = [ChartPalette.Blue], ShowLegend = false, YAxisToStringFunc = v => $"{v / 1_000_000:0.#}M", MaxNumYAxisTicks = YAxisTicks };

    protected override ChartDrawing Draw(RevenueReport r) => new(ChartType.Bar, Series(r), Labels(r.Daily.Select(d => d.Date)), _options, HalfWidth, 240);

    internal static List<ChartSeries<double>> Series(RevenueReport r) =>
        [new() { Name = $"Revenue ({r.Currency})", Data = r.Daily.Select(d => (double)d.Amount).ToArray() }];
}
