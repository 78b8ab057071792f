using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Upstream;
using static AdminDashboard.Tests.Alerts.AlertFixtures;

namespace AdminDashboard.Tests.Alerts;

/// <summary>Each rule kind on its own: which subjects its condition holds for, and when it cannot tell.</summary>
public sealed class AlertRulesTests
{
    private static IReadOnlyList<AlertCondition>? Holding(AlertRuleOptions rule, AlertInputs inputs) => AlertRules.Holding(rule, inputs);

    [Theory]
    [InlineData(SourceStatus.Error)]
    [InlineData(SourceStatus.Timeout)]
    [InlineData(SourceStatus.Stale)]
    public void A_service_that_is_not_ok_holds_the_service_rule_for_that_service_alone(SourceStatus status)
    {
        var inputs = new AlertInputs(Stats(null, Source(UpstreamService.Billing, status)), null, null, Live);

        var condition = Assert.Single(Holding(Rule(AlertRuleKind.ServiceUnavailable), inputs)!);

        Assert.Equal("billing", condition.Subject);
        Assert.StartsWith("Billing has been unavailable for 60 s", condition.Summary);
    }

    [Fact]
    public void Two_failing_services_hold_one_condition_each()
    {
        var inputs = new AlertInputs(Stats(null, Source(UpstreamService.Billing, SourceStatus.Error), Source(UpstreamService.Doctors, SourceStatus.Timeout)), null, null, Live);

        var subjects = Holding(Rule(AlertRuleKind.ServiceUnavailable), inputs)!.Select(c => c.Subject).Order();

        Assert.Equal(["billing", "doctors"], subjects);
    }

    [Fact]
    public void Services_all_ok_hold_nothing_and_no_stats_yet_cannot_tell()
    {
        Assert.Empty(Holding(Rule(AlertRuleKind.ServiceUnavailable), Healthy)!);
        Assert.Null(Holding(Rule(AlertRuleKind.ServiceUnavailable), AlertInputs.Nothing));
    }

    [Theory]
    [InlineData(16, 4, 0.15, 20, true)]    // 20 % of 20 outcomes
    [InlineData(17, 3, 0.15, 20, false)]   // exactly 15 %: not above
    [InlineData(12, 7, 0.15, 20, false)]   // 37 % but only 19 outcomes
    [InlineData(0, 0, 0.15, 0, false)]     // nothing known yet
    public void No_show_rate_holds_above_its_threshold_once_enough_outcomes_are_known(int completed, int noShow, double threshold, int minimum, bool holds)
    {
        var inputs = new AlertInputs(Stats(Appointments(completed, noShow)), null, null, Live);

        var holding = Holding(Rule(AlertRuleKind.NoShowRate, threshold: threshold, minimumOutcomes: minimum), inputs)!;

        Assert.Equal(holds, holding.Count == 1);
        if (holds) Assert.Equal($"Today's no-show rate is 20 % of 20 outcomes, above 15 % for 60 s.", holding[0].Summary);
    }

    [Fact]
    public void No_show_rate_cannot_tell_while_the_appointments_service_has_no_figures()
    {
        var inputs = new AlertInputs(Stats(null, Source(UpstreamService.Appointments, SourceStatus.Error)), null, null, Live);

        Assert.Null(Holding(Rule(AlertRuleKind.NoShowRate, threshold: 0.15), inputs));
    }

    [Theory]
    [InlineData(46.5, true)]
    [InlineData(45.0, false)]
    [InlineData(12.0, false)]
    public void Average_wait_holds_above_its_threshold_in_minutes(double wait, bool holds)
    {
        var inputs = new AlertInputs(Stats(Appointments(10, 1, wait)), null, null, Live);

        var holding = Holding(Rule(AlertRuleKind.AverageWait, threshold: 45), inputs)!;

        Assert.Equal(holds, holding.Count == 1);
        if (holds) Assert.Equal("appointments", holding[0].Subject);
    }

    [Fact]
    public void Average_wait_holds_nothing_before_the_first_finished_wait()
    {
        var inputs = new AlertInputs(Stats(Appointments(0, 0, averageWait: null)), null, null, Live);

        Assert.Empty(Holding(Rule(AlertRuleKind.AverageWait, threshold: 45), inputs)!);
    }

    [Fact]
    public void Stock_holds_per_item_out_of_stock_or_running_out_within_the_threshold()
    {
        var inputs = new AlertInputs(null, Stock(
            Line("Heparin injection", 0, 0),
            Line("Paracetamol tablet 500 mg", 12, 2.5),
            Line("Insulin Glargine injection", 30, 3.0),
            Line("Omeprazole capsule", 40, 3.1),
            Line("Warfarin tablet 250 mg", 60, null)), null, Live);

        var holding = Holding(Rule(AlertRuleKind.StockOut, threshold: 3), inputs)!;

        Assert.Equal(["Heparin injection", "Paracetamol tablet 500 mg", "Insulin Glargine injection"], holding.Select(c => c.Subject));
        Assert.Equal("Heparin injection is out of stock.", holding[0].Summary);
        Assert.Equal("Paracetamol tablet 500 mg runs out in 2.5 days (12 left), within 3 days.", holding[1].Summary);
    }

    [Fact]
    public void Stock_cannot_tell_before_the_stock_list_has_loaded()
    {
        Assert.Null(Holding(Rule(AlertRuleKind.StockOut, threshold: 3), AlertInputs.Nothing));
    }

    [Fact]
    public void Redis_holds_only_where_redis_is_configured_and_unavailable()
    {
        var rule = Rule(AlertRuleKind.RedisDegraded);

        Assert.Empty(Holding(rule, Healthy with { RedisAvailable = null })!);
        Assert.Empty(Holding(rule, Healthy with { RedisAvailable = true })!);
        Assert.Equal("redis", Assert.Single(Holding(rule, Healthy with { RedisAvailable = false })!).Subject);
    }

    [Fact]
    public void Event_bus_holds_while_live_updates_are_paused_saying_why()
    {
        var rule = Rule(AlertRuleKind.EventBusDegraded);

        Assert.Empty(Holding(rule, Healthy)!);
        var paused = Assert.Single(Holding(rule, Healthy with { Events = new LiveStatus(false, "the event broker is unreachable", Start) })!);
        Assert.Equal("events", paused.Subject);
        Assert.Equal("Live updates have been paused for 60 s: the event broker is unreachable.", paused.Summary);
    }

    [Fact]
    public void Summaries_say_long_durations_in_minutes()
    {
        Assert.Equal("5 min", AlertRules.Words(TimeSpan.FromMinutes(5)));
        Assert.Equal("90 s", AlertRules.Words(TimeSpan.FromSeconds(90)));
        Assert.Equal("1.5 s", AlertRules.Words(TimeSpan.FromSeconds(1.5)));
    }

    [Fact]
    public void Ids_are_url_safe_readable_and_unique_per_raise()
    {
        var first = AlertIds.New("stock-out", "Insulin Glargine injection (100 IU/ml)", Start);
        var second = AlertIds.New("stock-out", "Insulin Glargine injection (100 IU/ml)", Start.AddMilliseconds(1));

        Assert.Equal("stock-out.insulin-glargine-injection-100-iu-ml.20260310T030000000Z", first);
        Assert.NotEqual(first, second);
        Assert.Equal(Uri.EscapeDataString(first), first);
    }
}
