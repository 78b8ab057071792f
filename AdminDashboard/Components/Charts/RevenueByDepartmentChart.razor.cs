using AdminDashboard.Core.Upstream;
using MudBlazor;

namespace AdminDashboard.Components.Charts;

public partial class RevenueByDepartmentChart
{
    private readonly DonutChartOptions _options = new() { ChartPalette = ChartPalette.All, ShowLegend = true };

    internal static List<ChartSeries<double>> Series(RevenueReport r) =>
        [new() { Name = "Revenue", Data = r.ByDepartment.Select(d => (double)d.Amount).ToArray() }];
}
