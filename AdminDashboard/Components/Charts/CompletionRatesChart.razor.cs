using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Upstream;
using MudBlazor;

namespace AdminDashboard.Components.Charts;

public partial class CompletionRatesChart
{
    private readonly LineChartOptions _options = new() { ChartPalette = [ChartPalette.Green, ChartPalette.Vermillion], ShowLegend = true, YAxisFormat = "0'%'" };

    /// <summary>Percentages over the appointments whose outcome is known (completed or no-show); 0 on a day with none.</summary>
    internal static List<ChartSeries<double>> Series(AppointmentTrends t)
    {
        static double Percent(double? rate) => Math.Round(100.0 * (rate ?? 0), 1);
        return
        [
            new() { Name = "Completion %", Data = t.Daily.Select(d => Percent(d.Counts.CompletionRate())).ToArray() },
            new() { Name = "No-show %", Data = t.Daily.Select(d => Percent(d.Counts.NoShowRate())).ToArray() },
        ];
    }
}
