using AdminDashboard.Components.Dashboard;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Upstream;
using MudBlazor;

namespace AdminDashboard.Components.Charts;

public partial class CompletionRatesChart
{
    private readonly LineChartOptions _options = new()
    {
        ChartPalette = [ChartPalette.Green, ChartPalette.Vermillion], ShowLegend = true, YAxisFormat = "0'%'", MaxNumYAxisTicks = YAxisTicks,
    };

    protected override ChartDrawing Draw(AppointmentTrends t)
    {
        var days = FullDays(t, Clock.Today);
        return new(ChartType.Line, Series(days), Labels(days.Select(d => d.Date)), _options, HalfWidth, 240);
    }

    /// <summary>
    /// The days the line shows: the range's full days. Today is under way: in the morning nothing has finished, and
    /// a rate over the few outcomes known would plunge or leap. It is told in words instead (<see cref="SoFar"/>).
    /// </summary>
    internal static IReadOnlyList<DailyAppointments> FullDays(AppointmentTrends t, DateOnly today) =>
        t.Daily.Where(d => d.Date < today).ToList();

    /// <summary>Percentages over the appointments whose outcome is known (completed or no-show); 0 on a day with none.</summary>
    internal static List<ChartSeries<double>> Series(IReadOnlyList<DailyAppointments> days)
    {
        static double Percent(double? rate) => Math.Round(100.0 * (rate ?? 0), 1);
        return
        [
            new() { Name = "Completion %", Data = days.Select(d => Percent(d.Counts.CompletionRate())).ToArray() },
            new() { Name = "No-show %", Data = days.Select(d => Percent(d.Counts.NoShowRate())).ToArray() },
        ];
    }

    /// <summary>Today's rates so far, with how many outcomes they rest on; null when the range does not reach today.</summary>
    internal static string? SoFar(AppointmentTrends t, DateOnly today)
    {
        if (t.Daily.FirstOrDefault(d => d.Date == today) is not { Counts: var c }) return null;
        var known = c.Completed + c.NoShow;
        var booked = Formats.Counted(c.Total, "appointment");
        return known == 0
            ? $"Today so far: no outcome known yet of {booked}. The line shows full days, up to yesterday."
            : $"Today so far: {Formats.Percent(c.CompletionRate())} completed, {Formats.Percent(c.NoShowRate())} no-show, "
              + $"of {Formats.Counted(known, "outcome")} known ({booked}). The line shows full days, up to yesterday.";
    }
}
