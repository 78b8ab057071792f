using System.Threading.Channels;
using AdminDashboard.Core.Alerts;
using Microsoft.Extensions.Time.Testing;
using static AdminDashboard.Tests.Alerts.AlertFixtures;

namespace AdminDashboard.Tests.Alerts;

/// <summary>
/// The evaluator's damping and the lifecycle on a fake clock: raised only after the condition held for the rule's duration,
/// resolved only after it was clear that long, acknowledged by whom and when, every transition told to subscribers.
/// </summary>
public sealed class AlertDampingTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);
    private readonly AlertBoard _board;
    private readonly FakeTimeProvider _time;
    private readonly AlertEvaluation _evaluation;

    public AlertDampingTests()
    {
        (_board, _time) = Board();
        _evaluation = new AlertEvaluation([Rule(AlertRuleKind.ServiceUnavailable, Duration.TotalSeconds, id: "service-unavailable")], _board);
    }

    private Task LookAsync(AlertInputs inputs) => _evaluation.EvaluateAsync(inputs, _time.GetUtcNow(), CancellationToken.None);

    /// <summary>Looks every <paramref name="step"/> for <paramref name="span"/>, as the evaluator's check timer does.</summary>
    private async Task HoldAsync(AlertInputs inputs, TimeSpan span, TimeSpan? step = null)
    {
        var each = step ?? TimeSpan.FromSeconds(1);
        for (var passed = TimeSpan.Zero; passed < span; passed += each)
        {
            await LookAsync(inputs);
            _time.Advance(each);
        }
    }

    [Fact]
    public async Task A_condition_shorter_than_the_duration_raises_nothing()
    {
        await HoldAsync(BillingFails, Duration - TimeSpan.FromSeconds(1));

        Assert.Empty(_board.Current.Recent);
    }

    [Fact]
    public async Task A_condition_held_for_the_duration_raises_one_alert_at_that_moment()
    {
        var failedAt = _time.GetUtcNow();
        await HoldAsync(BillingFails, Duration + TimeSpan.FromSeconds(30));

        var alert = Assert.Single(_board.Current.Open);
        Assert.Equal(failedAt + Duration, alert.RaisedAt);
        Assert.Equal(("service-unavailable", "billing", AlertState.Raised, AlertSeverity.Warning), (alert.Rule, alert.Subject, alert.State, alert.Severity));
        Assert.Single(_board.Current.Recent);
    }

    [Fact]
    public async Task A_flapping_condition_starts_its_hold_again_after_each_clear_look()
    {
        for (var flap = 0; flap < 5; flap++)
        {
            await HoldAsync(BillingFails, TimeSpan.FromSeconds(40));
            await HoldAsync(Healthy, TimeSpan.FromSeconds(1));
        }

        Assert.Empty(_board.Current.Recent);
    }

    [Fact]
    public async Task An_open_alert_resolves_only_after_the_condition_has_been_clear_for_the_duration()
    {
        await HoldAsync(BillingFails, Duration + TimeSpan.FromSeconds(1));
        var recoveredAt = _time.GetUtcNow();

        await HoldAsync(Healthy, Duration - TimeSpan.FromSeconds(1));
        Assert.Single(_board.Current.Open);

        await HoldAsync(Healthy, TimeSpan.FromSeconds(2));
        var alert = Assert.Single(_board.Current.Recent);
        Assert.Empty(_board.Current.Open);
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Equal(recoveredAt + Duration, alert.ResolvedAt);
    }

    [Fact]
    public async Task A_short_recovery_keeps_the_one_alert_open_and_raises_no_second()
    {
        await HoldAsync(BillingFails, Duration + TimeSpan.FromSeconds(1));
        for (var flap = 0; flap < 5; flap++)
        {
            await HoldAsync(Healthy, TimeSpan.FromSeconds(50));
            await HoldAsync(BillingFails, TimeSpan.FromSeconds(5));
        }

        var alert = Assert.Single(_board.Current.Recent);
        Assert.Equal(AlertState.Raised, alert.State);
    }

    [Fact]
    public async Task Inputs_that_cannot_tell_neither_raise_nor_resolve()
    {
        await HoldAsync(AlertInputs.Nothing, Duration * 3);
        Assert.Empty(_board.Current.Recent);

        await HoldAsync(BillingFails, Duration + TimeSpan.FromSeconds(1));
        await HoldAsync(AlertInputs.Nothing, Duration * 3);
        Assert.Single(_board.Current.Open);
    }

    [Fact]
    public async Task The_condition_returning_after_a_resolve_raises_a_new_alert_with_its_own_id()
    {
        await HoldAsync(BillingFails, Duration + TimeSpan.FromSeconds(1));
        await HoldAsync(Healthy, Duration + TimeSpan.FromSeconds(1));
        await HoldAsync(BillingFails, Duration + TimeSpan.FromSeconds(1));

        Assert.Equal(2, _board.Current.Recent.Length);
        var open = Assert.Single(_board.Current.Open);
        Assert.Equal(open, _board.Current.Recent[0]);
        Assert.NotEqual(open.Id, _board.Current.Recent[1].Id);
        Assert.Equal(AlertState.Resolved, _board.Current.Recent[1].State);
    }

    [Fact]
    public async Task Acknowledging_records_who_and_when_and_the_alert_stays_open_until_it_resolves()
    {
        await HoldAsync(BillingFails, Duration + TimeSpan.FromSeconds(1));
        var id = _board.Current.Open[0].Id;
        var seenAt = _time.GetUtcNow();

        Assert.Equal(AcknowledgeOutcome.Acknowledged, await _board.AcknowledgeAsync(id, "ana@hospital.example", CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(AcknowledgeOutcome.AlreadyAcknowledged, await _board.AcknowledgeAsync(id, "bao@hospital.example", CancellationToken.None));

        var alert = Assert.Single(_board.Current.Open);
        Assert.Equal((AlertState.Acknowledged, "ana@hospital.example", seenAt), (alert.State, alert.AcknowledgedBy, alert.AcknowledgedAt));

        await HoldAsync(Healthy, Duration + TimeSpan.FromSeconds(1));
        Assert.Empty(_board.Current.Open);
        Assert.Equal(AcknowledgeOutcome.AlreadyResolved, await _board.AcknowledgeAsync(id, "ana@hospital.example", CancellationToken.None));
        Assert.Equal(AcknowledgeOutcome.NotFound, await _board.AcknowledgeAsync("no-such-alert", "ana@hospital.example", CancellationToken.None));
    }

    [Fact]
    public async Task Subscribers_get_each_transition_in_order_with_its_time()
    {
        var transitions = Channel.CreateUnbounded<AlertTransition>();
        using var subscription = _board.Subscribe(t => transitions.Writer.WriteAsync(t).AsTask());

        await HoldAsync(BillingFails, Duration + TimeSpan.FromSeconds(1));
        var raisedAt = _time.GetUtcNow() - TimeSpan.FromSeconds(1);
        await _board.AcknowledgeAsync(_board.Current.Open[0].Id, "ana@hospital.example", CancellationToken.None);
        var acknowledgedAt = _time.GetUtcNow();
        await HoldAsync(Healthy, Duration + TimeSpan.FromSeconds(1));

        var seen = new List<AlertTransition>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (seen.Count < 3) seen.Add(await transitions.Reader.ReadAsync(patience.Token));
        Assert.Equal([AlertState.Raised, AlertState.Acknowledged, AlertState.Resolved], seen.Select(t => t.Alert.State));
        Assert.Equal(raisedAt, seen[0].At);
        Assert.Equal(acknowledgedAt, seen[1].At);
        Assert.Equal(seen[2].Alert.ResolvedAt, seen[2].At);
        Assert.All(seen, t => Assert.Equal(seen[0].Alert.Id, t.Alert.Id));
    }

    [Fact]
    public async Task A_disposed_subscription_gets_nothing_more()
    {
        var calls = 0;
        var subscription = _board.Subscribe(_ => { Interlocked.Increment(ref calls); return Task.CompletedTask; });
        subscription.Dispose();
        subscription.Dispose();

        await HoldAsync(BillingFails, Duration + TimeSpan.FromSeconds(1));

        Assert.Single(_board.Current.Open);
        Assert.Equal(0, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task A_resolved_alert_leaves_the_board_after_seven_days_and_an_open_one_stays()
    {
        await HoldAsync(BillingFails, Duration + TimeSpan.FromSeconds(1));
        await HoldAsync(Healthy, Duration + TimeSpan.FromSeconds(1));
        var stockRule = new AlertEvaluation([Rule(AlertRuleKind.StockOut, 0, threshold: 3, id: "stock-out")], _board);
        await stockRule.EvaluateAsync(Healthy with { Stock = Stock(Line("Heparin injection", 0, 0)) }, _time.GetUtcNow(), CancellationToken.None);
        var resolvedAt = _board.Current.Recent.Single(a => a.Subject == "billing").ResolvedAt!.Value;

        _time.SetUtcNow(resolvedAt + AlertsOptions.Retention - TimeSpan.FromMinutes(1));
        await _board.LoadAsync(CancellationToken.None);
        Assert.Equal(2, _board.Current.Recent.Length);

        _time.SetUtcNow(resolvedAt + AlertsOptions.Retention + TimeSpan.FromMinutes(1));
        await _board.LoadAsync(CancellationToken.None);
        Assert.Equal("Heparin injection", Assert.Single(_board.Current.Recent).Subject);
        Assert.Single(_board.Current.Open);
    }

    [Fact]
    public async Task An_open_alert_of_a_rule_no_longer_configured_is_resolved()
    {
        await HoldAsync(BillingFails, Duration + TimeSpan.FromSeconds(1));

        var other = new AlertEvaluation([Rule(AlertRuleKind.StockOut, threshold: 3, id: "stock-out")], _board);
        await other.EvaluateAsync(Healthy, _time.GetUtcNow(), CancellationToken.None);

        Assert.Empty(_board.Current.Open);
    }

    [Fact]
    public async Task A_stored_open_alert_is_not_raised_again_after_a_restart()
    {
        var store = new MemoryAlertStore();
        var (first, time) = Board(store);
        var rules = new[] { Rule(AlertRuleKind.ServiceUnavailable, Duration.TotalSeconds, id: "service-unavailable") };
        var evaluation = new AlertEvaluation(rules, first);
        for (var s = 0; s <= 61; s++, time.Advance(TimeSpan.FromSeconds(1))) await evaluation.EvaluateAsync(BillingFails, time.GetUtcNow(), CancellationToken.None);
        var raised = Assert.Single(first.Current.Open);

        var restarted = new AlertBoard(store, time, Microsoft.Extensions.Logging.Abstractions.NullLogger<AlertBoard>.Instance);
        await restarted.LoadAsync(CancellationToken.None);
        var again = new AlertEvaluation(rules, restarted);
        for (var s = 0; s <= 120; s++, time.Advance(TimeSpan.FromSeconds(1))) await again.EvaluateAsync(BillingFails, time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(raised, Assert.Single(restarted.Current.Recent));
    }
}
