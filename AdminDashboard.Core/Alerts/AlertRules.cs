using System.Globalization;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Core.Alerts;

/// <summary>
/// What the rules read, taken from one store snapshot and the health state at one moment. <see cref="RedisAvailable"/>
/// is null where Redis is not configured.
/// </summary>
public sealed record AlertInputs(
    ApiEnvelope<DashboardStats>? Stats,
    ApiEnvelope<StockReport>? Stock,
    bool? RedisAvailable,
    LiveStatus? Events)
{
    public static readonly AlertInputs Nothing = new(null, null, null, null);
}

/// <summary>A rule's condition holding for one subject now, with the sentence an alert raised for it would say.</summary>
public sealed record AlertCondition(string Subject, string Summary);

/// <summary>
/// Each rule kind as a pure function of <see cref="AlertInputs"/>: the subjects its condition holds for now, or null when
/// the inputs cannot tell (the service it reads has never answered), so the evaluator neither raises nor resolves on
/// ignorance. Texts name services, items and figures, never a patient.
/// </summary>
public static class AlertRules
{
    /// <summary>The subject of Redis and event-bus alerts, and of the appointment figures' alerts.</summary>
    public const string RedisSubject = "redis", EventsSubject = "events", AppointmentsSubject = "appointments";

    public static IReadOnlyList<AlertCondition>? Holding(AlertRuleOptions rule, AlertInputs inputs) => rule.Kind switch
    {
        AlertRuleKind.ServiceUnavailable => ServicesUnavailable(rule, inputs.Stats),
        AlertRuleKind.NoShowRate => NoShowRate(rule, inputs.Stats),
        AlertRuleKind.AverageWait => AverageWait(rule, inputs.Stats),
        AlertRuleKind.StockOut => StockOut(rule, inputs.Stock),
        AlertRuleKind.RedisDegraded => inputs.RedisAvailable switch
        {
            null => [],
            true => [],
            false => [new(RedisSubject, $"The Redis cache has been unavailable for {For(rule)}: each instance serves from its own memory.")],
        },
        AlertRuleKind.EventBusDegraded => inputs.Events switch
        {
            null => null,
            { IsLive: true } => [],
            { Reason: var reason } => [new(EventsSubject, $"Live updates have been paused for {For(rule)}: {reason ?? "the event bus does not answer"}.")],
        },
        _ => null,
    };

    private static IReadOnlyList<AlertCondition>? ServicesUnavailable(AlertRuleOptions rule, ApiEnvelope<DashboardStats>? stats)
    {
        if (stats is null) return null;
        return
        [
            .. stats.Sources.Where(s => s.Status != SourceStatus.Ok).Select(s => new AlertCondition(s.Service, s.Status switch
            {
                SourceStatus.Stale => $"{s.DisplayName} has been unavailable for {For(rule)}: its last-known-good figures are shown.",
                SourceStatus.Timeout => $"{s.DisplayName} has been unavailable for {For(rule)}: it does not answer in time.",
                _ => $"{s.DisplayName} has been unavailable for {For(rule)}: it answers with errors or cannot be reached.",
            })),
        ];
    }

    private static IReadOnlyList<AlertCondition>? NoShowRate(AlertRuleOptions rule, ApiEnvelope<DashboardStats>? stats)
    {
        if (stats?.Data?.Appointments is not { } appointments) return null;
        var today = appointments.Today;
        var outcomes = today.Completed + today.NoShow;
        if (outcomes == 0 || outcomes < rule.MinimumOutcomes || today.NoShowRate() is not { } rate || rate <= rule.Threshold) return [];
        return [new(AppointmentsSubject,
            $"Today's no-show rate is {Percent(rate)} of {outcomes} outcomes, above {Percent(rule.Threshold ?? 0)} for {For(rule)}.")];
    }

    private static IReadOnlyList<AlertCondition>? AverageWait(AlertRuleOptions rule, ApiEnvelope<DashboardStats>? stats)
    {
        if (stats?.Data?.Appointments is not { } appointments) return null;
        if (appointments.AverageWaitMinutesToday is not { } wait || wait <= rule.Threshold) return [];
        return [new(AppointmentsSubject,
            $"Today's average wait is {Number(wait)} min, above {Number(rule.Threshold ?? 0)} min for {For(rule)}.")];
    }

    private static IReadOnlyList<AlertCondition>? StockOut(AlertRuleOptions rule, ApiEnvelope<StockReport>? stock)
    {
        if (stock?.Data is not { } report) return null;
        var within = rule.Threshold ?? 0;
        return
        [
            .. report.LowStock
                .Where(l => l.StockQuantity <= 0 || l.DaysToStockOut <= within)
                .DistinctBy(l => l.Name)
                .Select(l => new AlertCondition(l.Name, l.StockQuantity <= 0
                    ? $"{l.Name} is out of stock."
                    : $"{l.Name} runs out in {Number(l.DaysToStockOut ?? 0)} days ({l.StockQuantity} left), within {Number(within)} days.")),
        ];
    }

    /// <summary>A duration as an admin reads it: "60 s", "5 min".</summary>
    public static string For(AlertRuleOptions rule) => Words(rule.Duration);

    public static string Words(TimeSpan duration) => duration.TotalSeconds < 120
        ? $"{Number(duration.TotalSeconds)} s"
        : $"{Number(duration.TotalMinutes)} min";

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
