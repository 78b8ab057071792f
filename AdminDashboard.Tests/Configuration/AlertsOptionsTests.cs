using AdminDashboard.Core.Alerts;

namespace AdminDashboard.Tests.Configuration;

public sealed class AlertsOptionsTests
{
    private static AlertsOptions Bind(params (string, string?)[] settings) => OptionsValidation.Bind<AlertsOptions>(AlertsOptions.SectionName, settings);

    private static IReadOnlyList<string> Validate(params (string, string?)[] settings) => new ValidateAlertsOptions().Failures(Bind(settings));

    private static (string, string?)[] OneRule(string kind, params (string, string?)[] more) =>
        [("Alerts:Rules:0:Id", "my-rule"), ("Alerts:Rules:0:Kind", kind), .. more];

    [Fact]
    public void Without_a_rules_section_the_six_defaults_apply_and_pass()
    {
        var options = Bind();

        Assert.Empty(new ValidateAlertsOptions().Failures(options));
        Assert.Equal(["service-unavailable", "no-show-rate", "average-wait", "stock-out", "redis-degraded", "event-bus-degraded"],
            options.EffectiveRules.Select(r => r.Id));
        var noShow = options.EffectiveRules.Single(r => r.Kind == AlertRuleKind.NoShowRate);
        Assert.Equal((0.15, 20, 60.0), (noShow.Threshold!.Value, noShow.MinimumOutcomes, noShow.DurationSeconds));
        Assert.Equal(45, options.EffectiveRules.Single(r => r.Kind == AlertRuleKind.AverageWait).Threshold);
        Assert.Equal(3, options.EffectiveRules.Single(r => r.Kind == AlertRuleKind.StockOut).Threshold);
        Assert.All(options.EffectiveRules, r => Assert.Equal(TimeSpan.FromSeconds(60), r.Duration));
    }

    [Fact]
    public void Configured_rules_replace_the_defaults_and_take_short_durations()
    {
        var options = Bind(OneRule("ServiceUnavailable", ("Alerts:Rules:0:DurationSeconds", "1.5"), ("Alerts:Rules:0:Severity", "Critical")));

        Assert.Empty(new ValidateAlertsOptions().Failures(options));
        var rule = Assert.Single(options.EffectiveRules);
        Assert.Equal(("my-rule", AlertRuleKind.ServiceUnavailable, AlertSeverity.Critical, TimeSpan.FromSeconds(1.5)), (rule.Id, rule.Kind, rule.Severity, rule.Duration));
    }

    [Theory]
    [InlineData("Alerts:Rules:0:DurationSeconds", "-1")]
    [InlineData("Alerts:Rules:0:DurationSeconds", "86401")]
    [InlineData("Alerts:Rules:0:MinimumOutcomes", "-1")]
    [InlineData("Alerts:CheckSeconds", "0")]
    [InlineData("Alerts:ReconcileSeconds", "0")]
    [InlineData("Alerts:Webhook:Url", "ftp://hooks.example/alerts")]
    [InlineData("Alerts:Webhook:Url", "/relative/alerts")]
    [InlineData("Alerts:Webhook:QueueCapacity", "0")]
    [InlineData("Alerts:Webhook:MaxRetries", "21")]
    [InlineData("Alerts:Webhook:RetryDelayMs", "0")]
    [InlineData("Alerts:Webhook:TimeoutMs", "99")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value)
    {
        OptionsValidation.AssertRefusedNaming(Validate(OneRule("ServiceUnavailable", (key, value))), key, value);
    }

    [Theory]
    [InlineData("NoShowRate", "1.5")]
    [InlineData("NoShowRate", null)]
    [InlineData("AverageWait", "0")]
    [InlineData("StockOut", "-1")]
    public void A_threshold_outside_its_kinds_range_is_refused(string kind, string? threshold)
    {
        var failure = Assert.Single(Validate(OneRule(kind, ("Alerts:Rules:0:Threshold", threshold))));

        Assert.StartsWith("Alerts:Rules:0:Threshold must be", failure);
        Assert.EndsWith($"got {threshold ?? "nothing"}.", failure);
    }

    [Theory]
    [InlineData("Billing Down")]
    [InlineData("billing--down")]
    [InlineData("-billing")]
    [InlineData("billing.down")]
    [InlineData("a-rule-id-that-goes-on-well-past-forty-chars")]
    public void A_rule_id_that_could_not_be_part_of_an_alert_id_is_refused(string id)
    {
        OptionsValidation.AssertRefusedNaming(Validate(("Alerts:Rules:0:Id", id), ("Alerts:Rules:0:Kind", "RedisDegraded")), "Alerts:Rules:0:Id", id);
    }

    [Fact]
    public void Every_error_is_reported_at_once_including_a_missing_kind_and_a_repeated_id()
    {
        var failures = Validate(
            ("Alerts:Rules:0:Id", "dup"), ("Alerts:Rules:0:Kind", "RedisDegraded"),
            ("Alerts:Rules:1:Id", "dup"), ("Alerts:Rules:1:DurationSeconds", "-5"),
            ("Alerts:Webhook:Url", "not a url"));

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Alerts:Rules:1:Id must be unique"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:Rules:1:Kind must be one of"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:Rules:1:DurationSeconds must be"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:Webhook:Url must be an absolute http or https URL"));
    }

    [Fact]
    public void A_https_webhook_passes()
    {
        Assert.Empty(Validate(("Alerts:Webhook:Url", "https://hooks.hospital.example/alerts")));
    }
}
