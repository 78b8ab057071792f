using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Caching;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static AdminDashboard.Tests.Alerts.AlertFixtures;

namespace AdminDashboard.Tests.Alerts;

/// <summary>
/// Two instances' boards on one real Redis, each with its own connection and evaluator: the same condition raises one
/// alert, every change one instance makes shows on the other's board (pub/sub), and the alerts survive a restart.
/// </summary>
[Collection(RedisCollection.Name)]
[Trait("Category", "Redis")]
public sealed class RedisAlertStoreTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly AlertRuleOptions[] Rules = [Rule(AlertRuleKind.ServiceUnavailable, 60, id: "service-unavailable")];
    private readonly List<IDisposable> _owned = [];
    private readonly List<IAsyncDisposable> _listening = [];
    private readonly FakeTimeProvider _time = new(Start);

    public Task InitializeAsync() => redis.FlushAsync();

    public async Task DisposeAsync()
    {
        foreach (var listening in _listening) await listening.DisposeAsync();
        foreach (var owned in _owned) owned.Dispose();
    }

    private RedisAlertStore Store()
    {
        var connection = new RedisConnection(Options.Create(new CacheOptions
        {
            Provider = CacheProvider.Redis,
            RedisConnectionString = redis.ConnectionString,
            // Roomy: a loaded CI machine must not turn a slow script into a store failure.
            Redis = { OperationTimeoutMs = 5000 },
        }), NullLogger<RedisConnection>.Instance);
        _owned.Add(connection);
        return new RedisAlertStore(connection, NullLogger<RedisAlertStore>.Instance);
    }

    /// <summary>An instance: its own connection, board and evaluation, listening to the others.</summary>
    private async Task<(AlertBoard Board, AlertEvaluation Evaluation)> InstanceAsync()
    {
        var board = new AlertBoard(Store(), _time, NullLogger<AlertBoard>.Instance);
        await board.LoadAsync(CancellationToken.None);
        _listening.Add((await board.ListenToOthersAsync(CancellationToken.None))!);
        return (board, new AlertEvaluation(Rules, board));
    }

    private async Task BothLookAsync(AlertInputs inputs, TimeSpan span, params AlertEvaluation[] evaluations)
    {
        for (var passed = TimeSpan.Zero; passed <= span; passed += TimeSpan.FromSeconds(1))
        {
            await Task.WhenAll(evaluations.Select(e => e.EvaluateAsync(inputs, _time.GetUtcNow(), CancellationToken.None)));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task Many_instances_raising_the_same_condition_at_once_raise_it_once()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Store()).ToList();
        var candidates = Enumerable.Range(0, 40).Select(i =>
            new Alert(AlertIds.New("service-unavailable", "billing", Start.AddMilliseconds(i)), "service-unavailable", AlertSeverity.Critical, "billing",
                "Billing has been unavailable for 60 s.", AlertState.Raised, Start.AddMilliseconds(i), null, null, null)).ToList();

        var results = await Task.WhenAll(candidates.Select((c, i) => stores[i % stores.Count].RaiseAsync(c, CancellationToken.None)));

        var winner = Assert.Single(results, r => r.Raised);
        Assert.All(results, r => Assert.Equal(winner.Alert.Id, r.Alert.Id));
        Assert.Equal(1, await redis.Db.SortedSetLengthAsync(AlertKeys.Recent));
    }

    [Fact]
    public async Task Two_instances_on_one_redis_raise_one_alert_and_each_shows_what_the_other_did()
    {
        var (a, evaluateA) = await InstanceAsync();
        var (b, evaluateB) = await InstanceAsync();
        using var watchB = new AlertWatch(b);
        using var watchA = new AlertWatch(a);

        await BothLookAsync(BillingFails, TimeSpan.FromSeconds(61), evaluateA, evaluateB);

        var raisedA = Assert.Single(a.Current.Open);
        var raisedB = Assert.Single(b.Current.Open);
        Assert.Equal(raisedA, raisedB);
        Assert.Equal(1, await redis.Db.SortedSetLengthAsync(AlertKeys.Recent));

        Assert.Equal(AcknowledgeOutcome.Acknowledged, await b.AcknowledgeAsync(raisedA.Id, "ana.admin", CancellationToken.None));
        var acknowledged = await watchA.NextAsync(t => t.Alert.State == AlertState.Acknowledged, Patience);
        Assert.Equal(("ana.admin", _time.GetUtcNow()), (acknowledged.Alert.AcknowledgedBy, acknowledged.Alert.AcknowledgedAt));
        Assert.Equal(AcknowledgeOutcome.AlreadyAcknowledged, await a.AcknowledgeAsync(raisedA.Id, "bao.admin", CancellationToken.None));

        await BothLookAsync(Healthy, TimeSpan.FromSeconds(61), evaluateA, evaluateB);
        var resolvedA = Assert.Single(a.Current.Recent);
        Assert.Equal(AlertState.Resolved, resolvedA.State);
        Assert.Equal(resolvedA, Assert.Single(b.Current.Recent));
        await watchB.NextAsync(t => t.Alert.State == AlertState.Resolved, Patience);
        Assert.Single(watchB.All, t => t.Alert.State == AlertState.Raised);
        Assert.Single(watchB.All, t => t.Alert.State == AlertState.Resolved);
        Assert.Equal(AcknowledgeOutcome.AlreadyResolved, await a.AcknowledgeAsync(raisedA.Id, "ana.admin", CancellationToken.None));

        // The condition again: a new alert, raised once, the resolved one kept beside it.
        await BothLookAsync(BillingFails, TimeSpan.FromSeconds(61), evaluateA, evaluateB);
        Assert.Equal(2, a.Current.Recent.Length);
        Assert.Equal(a.Current.Open.Single().Id, b.Current.Open.Single().Id);
    }

    [Fact]
    public async Task Alerts_survive_a_restart_and_an_open_one_is_not_raised_again()
    {
        var (first, evaluate) = await InstanceAsync();
        await BothLookAsync(BillingFails, TimeSpan.FromSeconds(61), evaluate);
        await first.AcknowledgeAsync(first.Current.Open[0].Id, "ana.admin", CancellationToken.None);
        var before = Assert.Single(first.Current.Open);

        var (restarted, evaluateAgain) = await InstanceAsync();
        Assert.Equal(before, Assert.Single(restarted.Current.Open));
        await BothLookAsync(BillingFails, TimeSpan.FromSeconds(120), evaluateAgain);

        Assert.Equal(before, Assert.Single(restarted.Current.Recent));
    }

    [Fact]
    public async Task A_resolved_alert_expires_after_the_retention_and_an_open_one_does_not()
    {
        var (board, evaluate) = await InstanceAsync();
        await BothLookAsync(BillingFails, TimeSpan.FromSeconds(61), evaluate);
        var open = board.Current.Open[0];
        Assert.Equal(-1, (await redis.Db.KeyTimeToLiveAsync(AlertKeys.Alert(open.Id)))?.TotalSeconds ?? -1);

        await BothLookAsync(Healthy, TimeSpan.FromSeconds(61), evaluate);

        var ttl = await redis.Db.KeyTimeToLiveAsync(AlertKeys.Alert(open.Id));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, AlertsOptions.Retention - TimeSpan.FromMinutes(1), AlertsOptions.Retention);
        Assert.False(await redis.Db.KeyExistsAsync(AlertKeys.Open("service-unavailable", "billing")));
    }
}
