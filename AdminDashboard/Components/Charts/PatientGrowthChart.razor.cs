using AdminDashboard.Core.Upstream;
using MudBlazor;

namespace AdminDashboard.Components.Charts;

public partial class PatientGrowthChart
{
    private readonly LineChartOptions _options = new() { ChartPalette = [ChartPalette.Blue], ShowLegend = false, MaxNumYAxisTicks = YAxisTicks };

    internal static List<ChartSeries<double>> Series(PatientGrowth g) =>
        [new() { Name = "Registrations", Data = g.Daily.Select(d => (double)d.Registrations).ToArray() }];
}
