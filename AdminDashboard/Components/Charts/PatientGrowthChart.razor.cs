using AdminDashboard.Core.Upstream;
using MudBlazor;

namespace AdminDashboard.Components.Charts;

public partial class PatientGrowthChart
{
    private readonly LineChartOptions _options = new() { ChartPalette = [ChartPalette.Blue], ShowLegend = false, MaxNumYAxisTicks = YAxisTicks };

    protected override ChartDrawing Draw(PatientGrowth g) => new(ChartType.Line, Series(g), Labels(g.Daily.Select(d => d.Date)), _options, HalfWidth, 240);

    internal static List<ChartSeries<double>> Series(PatientGrowth g) =>
        [new() { Name = "Registrations", Data = g.Daily.Select(d => (double)d.Registrations).ToArray() }];
}
