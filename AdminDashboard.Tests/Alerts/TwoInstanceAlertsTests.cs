using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Alerts;

/// <summary>
/// Two dashboard instances on one real Redis, each with its own embedded services, both seeing billing fail: the alert is
/// raised once, both boards and both SSE streams show it, an acknowledgement made through one instance reaches the
/// other's stream, it resolves once, and an instance started afterwards shows it.
/// </summary>
[Collection(RedisCollection.Name)]
[Trait("Category", "Redis")]
public sealed class TwoInstanceAlertsTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<DashboardAppFactory> _apps = [];

    private DashboardAppFactory StartApp()
    {
        var app = new DashboardAppFactory
        {
            Settings =
            {
                ["Cache:Provider"] = "Redis",
                ["ConnectionStrings:Redis"] = redis.ConnectionString,
                // Roomy: a loaded CI machine must not turn a slow Redis call into an instance-only alert.
                ["Cache:Redis:OperationTimeoutMs"] = "2000",
            },
        };
        AlertsIntegrationTests.UseShortServiceRule(app.Settings);
        // Each app's pinned clock starts when first read: read them together, so both instances tell the same time.
        _ = app.Clock;
        _apps.Add(app);
        return app;
    }

    private static async Task ReadyAsync(DashboardAppFactory app)
    {
        await app.EnsureWarmAsync();
        await app.Services.GetRequiredService<AlertEvaluator>().Started.WaitAsync(Patience);
    }

    private static IAlertBoard Board(DashboardAppFactory app) => app.Services.GetRequiredService<IAlertBoard>();

    public async Task InitializeAsync() => await redis.FlushAsync();

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
    }

    private static bool IsBilling(SseFrame frame, string type, DateTimeOffset since) =>
        frame.Event == type && frame.Json.GetProperty("subject").GetString() == "billing" && frame.Json.GetProperty("raisedAt").GetDateTimeOffset() >= since;

    [Fact]
    public async Task Two_instances_raise_billings_alert_once_and_each_streams_what_the_other_did()
    {
        var a = StartApp();
        var b = StartApp();
        await Task.WhenAll(AlertsIntegrationTests.SettledAsync(a), AlertsIntegrationTests.SettledAsync(b));
        using var streamClient = b.CreateApiClient(TestTokens.Admin());
        streamClient.Timeout = Timeout.InfiniteTimeSpan;
        await using var streamB = await SseReader.OpenAsync(streamClient);
        var faultAt = a.Clock.GetUtcNow();

        await Task.WhenAll(a.SetFaultAsync(UpstreamService.Billing, FaultMode.Error), b.SetFaultAsync(UpstreamService.Billing, FaultMode.Error));
        await a.ClearStatsCacheAsync();

        var raised = await streamB.NextAsync(f => IsBilling(f, AlertEventTypes.Raised, faultAt), Patience);
        var id = raised.Json.GetProperty("id").GetString()!;
        using (var watchA = new AlertWatch(Board(a)))
            await watchA.UntilAsync(() => Board(a).Current.Open.Any(x => x.Id == id), Patience);
        Assert.Single(Board(a).Current.Recent, x => x.Subject == "billing" && x.RaisedAt >= faultAt);
        Assert.Single(Board(b).Current.Recent, x => x.Subject == "billing" && x.RaisedAt >= faultAt);
        var stored = await redis.Db.SortedSetRangeByRankAsync(AlertKeys.Recent);
        Assert.Single(stored, x => ((string)x!).StartsWith("service-unavailable.billing.", StringComparison.Ordinal)
            && string.CompareOrdinal(x!, AlertIds.New("service-unavailable", "billing", faultAt)) >= 0);

        using var apiA = a.CreateApiClient(TestTokens.CreateFor("ana.admin", "Admin"));
        using var acked = await apiA.PostAsync($"/v1/admin/alerts/{id}/ack", null);
        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        var acknowledged = await streamB.NextAsync(f => IsBilling(f, AlertEventTypes.Acknowledged, faultAt), Patience);
        Assert.Equal(("ana.admin", $"{id}:acknowledged"), (acknowledged.Json.GetProperty("acknowledgedBy").GetString(), acknowledged.Id));

        await Task.WhenAll(a.ClearFaultsAsync(), b.ClearFaultsAsync());
        await a.ClearStatsCacheAsync();
        var resolved = await streamB.NextAsync(f => IsBilling(f, AlertEventTypes.Resolved, faultAt), Patience);
        Assert.Equal(id, resolved.Json.GetProperty("id").GetString());
        using var apiB = b.CreateApiClient(TestTokens.Admin());
        var listedB = await apiB.GetFromJsonAsync<JsonElement>("/v1/admin/alerts");
        Assert.Equal("resolved", listedB.GetProperty("recent").EnumerateArray().Single(x => x.GetProperty("id").GetString() == id).GetProperty("state").GetString());

        // State survives a restart: a third instance on the same Redis lists the alert as resolved, acknowledged by ana.
        var c = StartApp();
        await ReadyAsync(c);
        var kept = Board(c).Current.Recent.Single(x => x.Id == id);
        Assert.Equal((AlertState.Resolved, "ana.admin"), (kept.State, kept.AcknowledgedBy));
    }
}
