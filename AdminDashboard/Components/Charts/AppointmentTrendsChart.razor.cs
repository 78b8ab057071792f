using AdminDashboard.Core.Upstream;
using MudBlazor;

namespace AdminDashboard.Components.Charts;

public partial class AppointmentTrendsChart
{
    private readonly StackedBarChartOptions _options = new() { ChartPalette = [ChartPalette.Green, ChartPalette.Vermillion, ChartPalette.Purple, ChartPalette.Sky], ShowLegend = true, MaxNumYAxisTicks = YAxisTicks };

    protected override ChartDrawing Draw(AppointmentTrends t) => new(ChartType.StackedBar, Series(t), Labels(t.Daily.Select(d => d.Date)), _options, HalfWidth, 260);

    internal static List<ChartSeries<double>> Series(AppointmentTrends t) =>
    [
        new() { Name = "Completed", Data = t.Daily.Select(d => (double)d.Counts.Completed).ToArray() },
        new() { Name = "No-show", Data = t.Daily.Select(d => (double)d.Counts.NoShow).ToArray() },
        new() { Name = "Cancelled", Data = t.Daily.Select(d => (double)d.Counts.Cancelled).ToArray() },
        new() { Name = "Scheduled / waiting", Data = t.Daily.Select(d => (double)(d.Counts.Scheduled + d.Counts.CheckedIn)).ToArray() },
    ];
}
