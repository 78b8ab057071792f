using AdminDashboard.Core.Upstream;
using MudBlazor;

namespace AdminDashboard.Components.Charts;

public partial class RevenueByDepartmentChart
{
    private readonly DonutChartOptions _options = new() { ChartPalette = ChartPalette.All, ShowLegend = true };

    protected override ChartDrawing Draw(RevenueReport r) => new(ChartType.Donut, Series(r), r.ByDepartment.Select(d => d.Department).ToArray(), _options, HalfWidth, 260);

    internal static List<ChartSeries<double>> Series(RevenueReport r) =>
        [new() { Name = "Revenue", Data = r.ByDepartment.Select(d => (double)d.Amount).ToArray() }];
}
