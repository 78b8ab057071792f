using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Upstream;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminDashboard.Tests.Alerts;

/// <summary>Inputs as the store and the health state would give them, built from the few figures a test cares about.</summary>
internal static class AlertFixtures
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 3, 0, 0, TimeSpan.Zero);

    public static SourceReport Source(UpstreamService service, SourceStatus status) =>
        new(service.WireName(), service.DisplayName(), status, 12, null, null, status == SourceStatus.Ok ? null : "it failed");

    public static ApiEnvelope<DashboardStats> Stats(AppointmentStats? appointments = null, params SourceReport[] failing)
    {
        var sources = UpstreamServiceNames.All
            .Select(s => failing.FirstOrDefault(f => f.Service == s.WireName()) ?? Source(s, SourceStatus.Ok)).ToList();
        var data = new DashboardStats(null, null, appointments?.Today.Total, null, null, null, appointments, null, null,
            StatsEnvelope.Derive(appointments, null), Start, "Asia/Ho_Chi_Minh", 0, false);
        return new ApiEnvelope<DashboardStats>(true, data, [], failing.Length > 0, sources);
    }

    public static AppointmentStats Appointments(int completed, int noShow, double? averageWait = null) =>
        new(new AppointmentStatusCounts(completed + noShow, 0, 0, completed, 0, noShow), new AppointmentStatusCounts(0, 0, 0, 0, 0, 0), 0,
            averageWait, averageWait is null ? 0 : 10, Start);

    public static ApiEnvelope<StockReport> Stock(params StockLine[] lines) =>
        new(true, new StockReport(300, lines.Length, lines, Start), [], false, [Source(UpstreamService.Medicine, SourceStatus.Ok)]);

    public static StockLine Line(string name, int quantity, double? daysToStockOut) =>
        new(name.Length, name, quantity, 50, daysToStockOut, new DateOnly(2027, 1, 1));

    public static readonly LiveStatus Live = new(true, null, Start);

    public static AlertInputs Healthy => new(Stats(), Stock(), null, Live);

    public static AlertInputs BillingFails => new(Stats(null, Source(UpstreamService.Billing, SourceStatus.Error)), Stock(), null, Live);

    public static AlertRuleOptions Rule(AlertRuleKind kind, double durationSeconds = 60, double? threshold = null, int minimumOutcomes = 0, string? id = null) =>
        new() { Id = id ?? kind.ToString().ToLowerInvariant(), Kind = kind, Threshold = threshold, DurationSeconds = durationSeconds, MinimumOutcomes = minimumOutcomes };

    public static (AlertBoard Board, FakeTimeProvider Time) Board(IAlertStore? store = null)
    {
        var time = new FakeTimeProvider(Start);
        return (new AlertBoard(store ?? new MemoryAlertStore(), time, NullLogger<AlertBoard>.Instance), time);
    }
}
