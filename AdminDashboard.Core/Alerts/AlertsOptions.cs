using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Alerts;

/// <summary>What a rule watches; each kind reads one part of the dashboard's state (see <see cref="AlertRules"/>).</summary>
public enum AlertRuleKind
{
    /// <summary>A service answers with an error, times out or is served stale; one alert per service.</summary>
    ServiceUnavailable,

    /// <summary>Today's no-show rate (a ratio) above <see cref="AlertRuleOptions.Threshold"/> once <see cref="AlertRuleOptions.MinimumOutcomes"/> outcomes are known.</summary>
    NoShowRate,

    /// <summary>Today's average wait above <see cref="AlertRuleOptions.Threshold"/> minutes.</summary>
    AverageWait,

    /// <summary>An item out of stock, or running out within <see cref="AlertRuleOptions.Threshold"/> days; one alert per item.</summary>
    StockOut,

    /// <summary>The Redis cache unavailable (only where Redis is configured).</summary>
    RedisDegraded,

    /// <summary>Live updates not flowing: the event bus is unreachable or still connecting.</summary>
    EventBusDegraded,
}

/// <summary>One rule of <c>Alerts:Rules</c>.</summary>
public sealed class AlertRuleOptions
{
    /// <summary>Lower-case letters, digits and dashes: it is part of every alert's id, its Redis keys and its URL.</summary>
    public string? Id { get; set; }

    public AlertRuleKind? Kind { get; set; }

    public AlertSeverity Severity { get; set; } = AlertSeverity.Warning;

    /// <summary>The kind's limit: a ratio for <see cref="AlertRuleKind.NoShowRate"/>, minutes for the wait, days for stock; unused by the others.</summary>
    public double? Threshold { get; set; }

    /// <summary>How long the condition must hold before the alert is raised, and be clear before it resolves (damping).</summary>
    public double DurationSeconds { get; set; } = 60;

    /// <summary><see cref="AlertRuleKind.NoShowRate"/> only: how many outcomes (seen or missed) today before the rate means anything.</summary>
    public int MinimumOutcomes { get; set; }

    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);
}

/// <summary><c>Alerts:Webhook</c>: where each transition is POSTed as JSON, if anywhere.</summary>
public sealed class AlertWebhookOptions
{
    public string? Url { get; set; }

    /// <summary>Transitions waiting to be sent; beyond this the oldest is dropped, so a dead receiver never grows memory.</summary>
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Retries of one POST after the first attempt, with exponential backoff.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry's delay; each next one doubles it (with jitter).</summary>
    public int RetryDelayMs { get; set; } = 1000;

    public int TimeoutMs { get; set; } = 5000;
}

/// <summary><c>Alerts</c> section: the rules, the evaluator's pace and the optional webhook.</summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    /// <summary>Off: no evaluation (and nothing keeps the store refreshing when no page is open); the board stays empty.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The rules; when the section names none, <see cref="DefaultRules"/>. A list bound from configuration replaces the
    /// defaults as a whole, so a deployment that lists one rule has that one rule.
    /// </summary>
    public List<AlertRuleOptions> Rules { get; set; } = [];

    /// <summary>
    /// How often the evaluator looks again besides each snapshot and status change: a condition's duration can pass while
    /// nothing changes, and Redis's availability has no event.
    /// </summary>
    public double CheckSeconds { get; set; } = 1;

    /// <summary>
    /// How often an instance re-reads the stored alerts (from Redis: in case it missed a transition another instance
    /// published) and lets those resolved longer ago than <see cref="Retention"/> go.
    /// </summary>
    public double ReconcileSeconds { get; set; } = 15;

    public AlertWebhookOptions Webhook { get; set; } = new();

    /// <summary>How long resolved alerts are kept (the Alerts page's "last 7 days").</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>The defaults of issue 17: a service down or stale for 60 s, no-shows, waits, stock, Redis and the bus.</summary>
    public static IReadOnlyList<AlertRuleOptions> DefaultRules { get; } =
    [
        new() { Id = "service-unavailable", Kind = AlertRuleKind.ServiceUnavailable, Severity = AlertSeverity.Critical, DurationSeconds = 60 },
        new() { Id = "no-show-rate", Kind = AlertRuleKind.NoShowRate, Severity = AlertSeverity.Warning, Threshold = 0.15, MinimumOutcomes = 20, DurationSeconds = 60 },
        new() { Id = "average-wait", Kind = AlertRuleKind.AverageWait, Severity = AlertSeverity.Warning, Threshold = 45, DurationSeconds = 60 },
        new() { Id = "stock-out", Kind = AlertRuleKind.StockOut, Severity = AlertSeverity.Warning, Threshold = 3, DurationSeconds = 60 },
        new() { Id = "redis-degraded", Kind = AlertRuleKind.RedisDegraded, Severity = AlertSeverity.Warning, DurationSeconds = 60 },
        new() { Id = "event-bus-degraded", Kind = AlertRuleKind.EventBusDegraded, Severity = AlertSeverity.Warning, DurationSeconds = 60 },
    ];

    /// <summary>The configured rules, or the defaults when none is configured.</summary>
    public IReadOnlyList<AlertRuleOptions> EffectiveRules => Rules.Count > 0 ? Rules : DefaultRules;
}

/// <summary>Every error of the section at once, each naming its key and echoing the value.</summary>
public sealed partial class ValidateAlertsOptions : IValidateOptions<AlertsOptions>
{
    public const double LongestDurationSeconds = 86_400;

    /// <summary>Keeps an alert's id (rule, subject, time) short enough for a URL segment and an SSE id.</summary>
    public const int LongestRuleId = 40;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex RuleId();

    public ValidateOptionsResult Validate(string? name, AlertsOptions o)
    {
        const string s = AlertsOptions.SectionName;
        var errors = new List<string>();
        if (o.CheckSeconds is < 0.05 or > 60)
            errors.Add($"{s}:{nameof(o.CheckSeconds)} must be between 0.05 and 60; got {o.CheckSeconds}.");
        if (o.ReconcileSeconds is < 1 or > 3600)
            errors.Add($"{s}:{nameof(o.ReconcileSeconds)} must be between 1 and 3600; got {o.ReconcileSeconds}.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < o.Rules.Count; i++)
        {
            var rule = o.Rules[i];
            var key = $"{s}:Rules:{i}";
            if (string.IsNullOrEmpty(rule.Id) || rule.Id.Length > LongestRuleId || !RuleId().IsMatch(rule.Id))
                errors.Add($"{key}:Id must be 1-{LongestRuleId} lower-case letters, digits and single dashes (it is part of each alert's id); got {rule.Id ?? "nothing"}.");
            else if (!seen.Add(rule.Id))
                errors.Add($"{key}:Id must be unique; got {rule.Id} a second time.");
            if (rule.Kind is not { } kind || !Enum.IsDefined(kind))
                errors.Add($"{key}:Kind must be one of {string.Join(", ", Enum.GetNames<AlertRuleKind>())}; got {rule.Kind?.ToString() ?? "nothing"}.");
            if (!Enum.IsDefined(rule.Severity))
                errors.Add($"{key}:Severity must be one of {string.Join(", ", Enum.GetNames<AlertSeverity>())}; got {rule.Severity}.");
            if (rule.DurationSeconds is < 0 or > LongestDurationSeconds || double.IsNaN(rule.DurationSeconds))
                errors.Add($"{key}:DurationSeconds must be between 0 and {LongestDurationSeconds}; got {rule.DurationSeconds}.");
            if (rule.MinimumOutcomes < 0)
                errors.Add($"{key}:MinimumOutcomes must be 0 or more; got {rule.MinimumOutcomes}.");
            var threshold = rule.Threshold?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing";
            switch (rule.Kind)
            {
                case AlertRuleKind.NoShowRate when rule.Threshold is not (>= 0 and <= 1):
                    errors.Add($"{key}:Threshold must be a ratio from 0 to 1 (0.15 = 15 %) for {rule.Kind}; got {threshold}.");
                    break;
                case AlertRuleKind.AverageWait when rule.Threshold is not (> 0 and <= 1440):
                    errors.Add($"{key}:Threshold must be minutes, more than 0 and at most 1440, for {rule.Kind}; got {threshold}.");
                    break;
                case AlertRuleKind.StockOut when rule.Threshold is not (>= 0 and <= 365):
                    errors.Add($"{key}:Threshold must be days from 0 to 365 for {rule.Kind}; got {threshold}.");
                    break;
            }
        }
        var webhook = o.Webhook;
        if (!string.IsNullOrEmpty(webhook.Url)
            && !(Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
            errors.Add($"{s}:Webhook:Url must be an absolute http or https URL; got {webhook.Url}.");
        if (webhook.QueueCapacity is < 1 or > 100_000)
            errors.Add($"{s}:Webhook:QueueCapacity must be between 1 and 100000; got {webhook.QueueCapacity}.");
        if (webhook.MaxRetries is < 0 or > 20)
            errors.Add($"{s}:Webhook:MaxRetries must be between 0 and 20; got {webhook.MaxRetries}.");
        if (webhook.RetryDelayMs is < 1 or > 600_000)
            errors.Add($"{s}:Webhook:RetryDelayMs must be between 1 and 600000; got {webhook.RetryDelayMs}.");
        if (webhook.TimeoutMs is < 100 or > 600_000)
            errors.Add($"{s}:Webhook:TimeoutMs must be between 100 and 600000; got {webhook.TimeoutMs}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
