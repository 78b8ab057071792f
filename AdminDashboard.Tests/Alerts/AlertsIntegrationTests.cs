using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Audit;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Store;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Faults;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AdminDashboard.Tests.Alerts;

/// <summary>
/// The real dashboard with its embedded services and one short rule: billing fails for longer than the rule's duration,
/// the alert is raised once, shows on the SSE stream and in the API, is acknowledged through the API, and resolves once
/// billing has recovered and the damping period has passed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AlertsIntegrationTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The rule's duration: short for the test, longer than one store refresh so damping is visible.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);

    /// <summary>Generous: the suite runs on a loaded 2-core machine.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private const string AlertsPath = "/v1/admin/alerts";

    private readonly DashboardAppFactory _app = new();

    internal static void UseShortServiceRule(Dictionary<string, string?> settings)
    {
        settings["Alerts:Enabled"] = "true";
        settings["Alerts:Rules:0:Id"] = "service-unavailable";
        settings["Alerts:Rules:0:Kind"] = "ServiceUnavailable";
        settings["Alerts:Rules:0:Severity"] = "Critical";
        settings["Alerts:Rules:0:DurationSeconds"] = Duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Alerts:CheckSeconds"] = "0.2";
        settings["Dashboard:RefreshSeconds"] = "1";
    }

    public async Task InitializeAsync()
    {
        UseShortServiceRule(_app.Settings);
        await SettledAsync(_app);
    }

    /// <summary>
    /// Warm, with every service answering in the evaluator's view and no alert open. A slow start (services not yet
    /// listening) raises alerts of its own, or starts holding a condition, which a test's own fault must not inherit.
    /// </summary>
    internal static async Task SettledAsync(DashboardAppFactory app)
    {
        await app.EnsureWarmAsync();
        var evaluator = app.Services.GetRequiredService<AlertEvaluator>();
        await evaluator.Started.WaitAsync(Patience);
        var store = app.Services.GetRequiredService<DashboardStore>();
        using var published = new SemaphoreSlim(0);
        await using (store.Subscribe(AlertEvaluator.WatchedRangeDays, _ => { published.Release(); return Task.CompletedTask; }))
        {
            while (store.Current(AlertEvaluator.WatchedRangeDays).Stats?.Sources is not { } sources || sources.Any(s => s.Status != SourceStatus.Ok))
                if (!await published.WaitAsync(Patience)) throw new TimeoutException("The store never showed every service answering");
        }
        // The look under way may have begun before; the one after it sees every service answering, and clears any hold.
        await evaluator.NextLookAsync().WaitAsync(Patience);
        await evaluator.NextLookAsync().WaitAsync(Patience);
        var board = app.Services.GetRequiredService<IAlertBoard>();
        using var watch = new AlertWatch(board);
        await watch.UntilAsync(() => board.Current.Open.IsEmpty, Patience);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private IAlertBoard Board => _app.Services.GetRequiredService<IAlertBoard>();

    private static bool IsBilling(SseFrame frame, string type) => frame.Event == type && frame.Json.GetProperty("subject").GetString() == "billing";

    [Fact]
    public async Task Billing_failing_longer_than_the_duration_is_raised_once_streamed_listed_acknowledged_and_resolved_after_damping()
    {
        using var api = _app.CreateApiClient(TestTokens.CreateFor("ana.admin", "Admin"));
        using var streamClient = _app.CreateApiClient(TestTokens.Admin());
        streamClient.Timeout = Timeout.InfiniteTimeSpan;
        await using var stream = await SseReader.OpenAsync(streamClient);
        using var watch = new AlertWatch(Board);
        var faultAt = _app.Clock.GetUtcNow();
        var clock = Stopwatch.StartNew();
        await _app.SetFaultAsync(UpstreamService.Billing, FaultMode.Error);
        await _app.ClearStatsCacheAsync();

        var raised = await stream.NextAsync(f => IsBilling(f, AlertEventTypes.Raised), Patience);
        var toRaised = clock.Elapsed;
        var id = raised.Json.GetProperty("id").GetString()!;
        Assert.Equal($"{id}:raised", raised.Id);
        Assert.True(toRaised >= Duration, $"raised after {toRaised}, before the rule's {Duration}");
        Assert.Equal(["id", "rule", "severity", "subject", "summary", "state", "raisedAt", "acknowledgedBy", "acknowledgedAt", "resolvedAt"],
            raised.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("service-unavailable", "critical", "raised"),
            (raised.Json.GetProperty("rule").GetString(), raised.Json.GetProperty("severity").GetString(), raised.Json.GetProperty("state").GetString()));

        var listed = await api.GetFromJsonAsync<JsonElement>(AlertsPath);
        var open = Assert.Single(listed.GetProperty("open").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKind.Null, open.GetProperty("acknowledgedBy").ValueKind);
        Assert.Contains(listed.GetProperty("recent").EnumerateArray(), a => a.GetProperty("id").GetString() == id);

        using var acked = await api.PostAsync($"{AlertsPath}/{id}/ack", null);
        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        var ackBody = await acked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("acknowledged", "ana.admin"), (ackBody.GetProperty("state").GetString(), ackBody.GetProperty("acknowledgedBy").GetString()));
        var acknowledged = await stream.NextAsync(f => IsBilling(f, AlertEventTypes.Acknowledged), Patience);
        Assert.Equal($"{id}:acknowledged", acknowledged.Id);
        using var again = await _app.CreateApiClient(TestTokens.CreateFor("bao.admin", "Admin")).PostAsync($"{AlertsPath}/{id}/ack", null);
        Assert.Equal("ana.admin", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acknowledgedBy").GetString());
        using var unknown = await api.PostAsync($"{AlertsPath}/no-such-alert/ack", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-such-alert", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());

        clock.Restart();
        await _app.ClearFaultsAsync();
        await _app.ClearStatsCacheAsync();
        var resolved = await stream.NextAsync(f => IsBilling(f, AlertEventTypes.Resolved), Patience);
        var toResolved = clock.Elapsed;
        Assert.Equal($"{id}:resolved", resolved.Id);
        Assert.True(toResolved >= Duration, $"resolved after {toResolved}, before the rule's {Duration} of damping");
        Assert.Equal("ana.admin", resolved.Json.GetProperty("acknowledgedBy").GetString());

        listed = await api.GetFromJsonAsync<JsonElement>(AlertsPath);
        Assert.DoesNotContain(listed.GetProperty("open").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        var recent = Assert.Single(listed.GetProperty("recent").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        Assert.Equal("resolved", recent.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, recent.GetProperty("resolvedAt").ValueKind);
        using var late = await api.PostAsync($"{AlertsPath}/{id}/ack", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);

        // Raised once: one billing alert since the fault, and one raise of it on the board.
        Assert.Single(Board.Current.Recent, a => a.Subject == "billing" && a.RaisedAt >= faultAt);
        Assert.Single(watch.All, t => t.Alert.State == AlertState.Raised && t.Alert.Subject == "billing");
        var audit = _app.Services.GetRequiredService<AuditLog>().Recent(AuditLog.Kept);
        Assert.Contains(audit, e => e.Action == AuditExtensions.Acknowledge && e.Resource == $"{AlertsPath}/{id}/ack" && e.User == "ana.admin");
        Assert.DoesNotContain(audit, e => e.Resource == $"{AlertsPath}/no-such-alert/ack" && e.Action == AuditExtensions.Acknowledge);
        Assert.Contains(audit, e => e.Action == "view" && e.Resource == AlertsPath);
        output.WriteLine($"alerts: rule duration {Duration.TotalSeconds} s, evaluator check every 0.2 s, store refresh every 1 s: " +
            $"fault to alert.raised on SSE {toRaised.TotalSeconds:0.00} s, recovery to alert.resolved on SSE {toResolved.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task An_sse_client_that_disconnects_leaves_no_alert_subscription_behind()
    {
        var board = _app.Services.GetRequiredService<AlertBoard>();
        var before = board.SubscriberCount;
        using (var client = _app.CreateApiClient(TestTokens.Admin()))
        {
            await using var stream = await SseReader.OpenAsync(client);
            await stream.NextAsync(f => f.Event == "status", Patience);
            Assert.Equal(before + 1, board.SubscriberCount);
        }

        // No signal says a request's clean-up has run: look again briefly, bounded.
        var waited = Stopwatch.StartNew();
        while (board.SubscriberCount != before && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        Assert.Equal(before, board.SubscriberCount);
    }

    [Fact]
    public async Task The_alerts_api_needs_the_admin_role()
    {
        using var nurse = _app.CreateApiClient(TestTokens.Create("Nurse"));

        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync(AlertsPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.PostAsync($"{AlertsPath}/any/ack", null)).StatusCode);
    }
}
