using System.Collections.Immutable;

namespace AdminDashboard.Core.Alerts;

/// <summary>How loudly an alert asks for attention; the wire form is lower case (<c>critical</c>).</summary>
public enum AlertSeverity { Info, Warning, Critical }

/// <summary>Where an alert is in its life: raised, then acknowledged by an admin, then resolved once its condition has been clear long enough.</summary>
public enum AlertState { Raised, Acknowledged, Resolved }

/// <summary>
/// One alert as every surface shows it (bell, Alerts page, wall screen, <c>GET /v1/admin/alerts</c>, SSE).
/// <see cref="Subject"/> is what it is about, for example <c>billing</c> or an item's name; <see cref="Summary"/> is one
/// readable sentence ("Billing has been unavailable for 60 s") that never names a patient.
/// </summary>
public sealed record Alert(
    string Id,
    string Rule,
    AlertSeverity Severity,
    string Subject,
    string Summary,
    AlertState State,
    DateTimeOffset RaisedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOpen => State != AlertState.Resolved;
}

/// <summary>A change of one alert: <see cref="Alert"/> is the alert after it, <see cref="Alert.State"/> the state it entered.</summary>
public sealed record AlertTransition(Alert Alert, DateTimeOffset At);

/// <summary>Open alerts (newest first) and those of the last 7 days (open or not, newest first); never changed once published.</summary>
public sealed record AlertsView(ImmutableArray<Alert> Open, ImmutableArray<Alert> Recent)
{
    public static readonly AlertsView Empty = new([], []);
}

public enum AcknowledgeOutcome { Acknowledged, AlreadyAcknowledged, AlreadyResolved, NotFound }

/// <summary>
/// The alerts of the process, for the UI and the API: what is open now, a subscription to transitions, and the
/// admin's acknowledgement. One evaluator (not one per page) raises and resolves; every instance shows the same alerts.
/// </summary>
public interface IAlertBoard
{
    /// <summary>The alerts now; cheap (a published immutable view).</summary>
    AlertsView Current { get; }

    /// <summary>
    /// Calls <paramref name="callback"/> with each transition from now on, off the evaluator's thread; a slow subscriber
    /// holds up only itself. Dispose to stop (idempotent).
    /// </summary>
    IDisposable Subscribe(Func<AlertTransition, Task> callback);

    /// <summary>Records that <paramref name="acknowledgedBy"/> has seen the alert; the alert stays open until it resolves.</summary>
    Task<AcknowledgeOutcome> AcknowledgeAsync(string id, string acknowledgedBy, CancellationToken cancellationToken);
}
