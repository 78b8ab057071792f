using System.Text;

namespace AdminDashboard.Core.Alerts;

/// <summary>
/// Where alerts live: in this process (<see cref="MemoryAlertStore"/>) or shared by every instance in Redis
/// (<see cref="RedisAlertStore"/>). Every change is atomic, so two instances that see the same condition raise one alert.
/// </summary>
public interface IAlertStore
{
    /// <summary>The alerts still open and those resolved within <see cref="AlertsOptions.Retention"/>.</summary>
    Task<IReadOnlyList<Alert>> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Raises <paramref name="candidate"/> unless its rule already has an open alert for its subject: then that one is
    /// returned and <c>Raised</c> is false.
    /// </summary>
    Task<(Alert Alert, bool Raised)> RaiseAsync(Alert candidate, CancellationToken cancellationToken);

    Task<(AcknowledgeOutcome Outcome, Alert? Alert)> AcknowledgeAsync(string id, string acknowledgedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary><c>Resolved</c> when this call resolved it; <c>Alert</c> null when the store does not know the id.</summary>
    Task<(bool Resolved, Alert? Alert)> ResolveAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="changed"/> with each alert another instance changed; null where there is no other instance.</summary>
    Task<IAsyncDisposable?> ListenToOthersAsync(Action<Alert> changed, CancellationToken cancellationToken);
}

/// <summary>Alert ids and the open-slot name of a rule and subject: readable, URL-safe, unique per raise.</summary>
public static class AlertIds
{
    private const int LongestSlug = 48;

    /// <summary>E.g. <c>service-unavailable.billing.20260310T030000123Z</c>.</summary>
    public static string New(string rule, string subject, DateTimeOffset raisedAt) =>
        $"{rule}.{Slug(subject)}.{raisedAt.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}";

    /// <summary>What at most one open alert has: its rule and subject.</summary>
    public static string Slot(string rule, string subject) => $"{rule}:{Slug(subject)}";

    /// <summary>Lower-case letters and digits, everything else one dash: "Insulin Glargine injection" is <c>insulin-glargine-injection</c>.</summary>
    public static string Slug(string subject)
    {
        var slug = new StringBuilder(Math.Min(subject.Length, LongestSlug));
        foreach (var c in subject.ToLowerInvariant())
        {
            if (slug.Length == LongestSlug) break;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var text = slug.ToString().TrimEnd('-');
        return text.Length == 0 ? "subject" : text;
    }
}

/// <summary>The alerts of this process alone: what a single instance without Redis needs.</summary>
public sealed class MemoryAlertStore : IAlertStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Alert> _alerts = [];
    private readonly Dictionary<string, string> _open = [];

    public Task<IReadOnlyList<Alert>> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var old in _alerts.Values.Where(a => !a.IsOpen && a.ResolvedAt < now - AlertsOptions.Retention).ToList()) _alerts.Remove(old.Id);
            return Task.FromResult<IReadOnlyList<Alert>>([.. _alerts.Values]);
        }
    }

    public Task<(Alert Alert, bool Raised)> RaiseAsync(Alert candidate, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var slot = AlertIds.Slot(candidate.Rule, candidate.Subject);
            if (_open.TryGetValue(slot, out var id) && _alerts.TryGetValue(id, out var open)) return Task.FromResult((open, false));
            _open[slot] = candidate.Id;
            _alerts[candidate.Id] = candidate;
            return Task.FromResult((candidate, true));
        }
    }

    public Task<(AcknowledgeOutcome Outcome, Alert? Alert)> AcknowledgeAsync(string id, string acknowledgedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_alerts.TryGetValue(id, out var alert)) return Task.FromResult<(AcknowledgeOutcome, Alert?)>((AcknowledgeOutcome.NotFound, null));
            if (alert.State == AlertState.Resolved) return Task.FromResult<(AcknowledgeOutcome, Alert?)>((AcknowledgeOutcome.AlreadyResolved, alert));
            if (alert.State == AlertState.Acknowledged) return Task.FromResult<(AcknowledgeOutcome, Alert?)>((AcknowledgeOutcome.AlreadyAcknowledged, alert));
            var acknowledged = alert with { State = AlertState.Acknowledged, AcknowledgedBy = acknowledgedBy, AcknowledgedAt = at };
            _alerts[id] = acknowledged;
            return Task.FromResult<(AcknowledgeOutcome, Alert?)>((AcknowledgeOutcome.Acknowledged, acknowledged));
        }
    }

    public Task<(bool Resolved, Alert? Alert)> ResolveAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_alerts.TryGetValue(id, out var alert)) return Task.FromResult<(bool, Alert?)>((false, null));
            if (alert.State == AlertState.Resolved) return Task.FromResult<(bool, Alert?)>((false, alert));
            var resolved = alert with { State = AlertState.Resolved, ResolvedAt = at };
            _alerts[id] = resolved;
            var slot = AlertIds.Slot(alert.Rule, alert.Subject);
            if (_open.GetValueOrDefault(slot) == id) _open.Remove(slot);
            return Task.FromResult<(bool, Alert?)>((true, resolved));
        }
    }

    public Task<IAsyncDisposable?> ListenToOthersAsync(Action<Alert> changed, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable?>(null);
}
