using System.Collections.Immutable;
using AdminDashboard.Core.Live;
using Microsoft.Extensions.Logging;

namespace AdminDashboard.Core.Alerts;

/// <summary>
/// The alerts of the process (<see cref="IAlertBoard"/>): a published immutable view, subscriptions to transitions, and
/// the changes the evaluator and admins make, written through the <see cref="IAlertStore"/> (shared in Redis when
/// configured). A change another instance made arrives through the store and is shown and streamed here too; only the
/// instance that made a change sends it to the webhook. States only move forward (raised, acknowledged, resolved), so a
/// late or repeated message never reopens an alert.
/// </summary>
public sealed class AlertBoard : IAlertBoard
{
    private const int SubscriberQueue = 256;

    private readonly IAlertStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertBoard> _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Alert> _alerts = [];
    private readonly SubscriberFanOut<AlertTransition> _subscribers;
    private AlertsView _view = AlertsView.Empty;

    public AlertBoard(IAlertStore store, TimeProvider time, ILogger<AlertBoard> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _subscribers = new(SubscriberQueue, (e, transition) =>
            logger.LogWarning(e, "An alert subscriber failed to handle the transition of {AlertId}", transition.Alert.Id));
    }

    /// <summary>Each transition this instance made, for the webhook (which must send it once, not once per instance).</summary>
    public event Action<AlertTransition>? MadeHere;

    public AlertsView Current => Volatile.Read(ref _view);

    /// <summary>Open subscriptions: pages and SSE streams that are gone must leave none behind.</summary>
    public int SubscriberCount => _subscribers.Count;

    public IDisposable Subscribe(Func<AlertTransition, Task> callback) => _subscribers.Subscribe(callback);

    /// <summary>Reads what the store holds (another instance's alerts, or this one's before a restart) into the view.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var alert in await _store.LoadAsync(_time.GetUtcNow(), cancellationToken)) Apply(alert, madeHere: false);
        Prune();
    }

    /// <summary>Listens to the changes other instances make; null where there are none.</summary>
    public Task<IAsyncDisposable?> ListenToOthersAsync(CancellationToken cancellationToken) =>
        _store.ListenToOthersAsync(alert => Apply(alert, madeHere: false), cancellationToken);

    public async Task<AcknowledgeOutcome> AcknowledgeAsync(string id, string acknowledgedBy, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        AcknowledgeOutcome outcome;
        Alert? stored;
        try
        {
            (outcome, stored) = await _store.AcknowledgeAsync(id, acknowledgedBy, now, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The shared store is down: the admin's acknowledgement still counts here.
            _logger.LogWarning(e, "Could not record the acknowledgement of alert {AlertId} in the alert store; recorded in this instance only", id);
            (outcome, stored) = (AcknowledgeOutcome.NotFound, null);
        }
        if (outcome == AcknowledgeOutcome.NotFound)
        {
            // Raised here while the store was down: known to this instance only.
            Alert? local;
            lock (_lock) { local = _alerts.GetValueOrDefault(id); }
            if (local is null) return AcknowledgeOutcome.NotFound;
            if (local.State == AlertState.Resolved) return AcknowledgeOutcome.AlreadyResolved;
            if (local.State == AlertState.Acknowledged) return AcknowledgeOutcome.AlreadyAcknowledged;
            (outcome, stored) = (AcknowledgeOutcome.Acknowledged, local with { State = AlertState.Acknowledged, AcknowledgedBy = acknowledgedBy, AcknowledgedAt = now });
        }
        if (stored is not null) Apply(stored, madeHere: outcome == AcknowledgeOutcome.Acknowledged);
        return outcome;
    }

    /// <summary>Raises an alert for the rule's condition, or shows the one another instance raised for it first.</summary>
    internal async Task RaiseAsync(AlertRuleOptions rule, AlertCondition condition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidate = new Alert(AlertIds.New(rule.Id!, condition.Subject, now), rule.Id!, rule.Severity, condition.Subject, condition.Summary,
            AlertState.Raised, now, null, null, null);
        try
        {
            var (alert, raised) = await _store.RaiseAsync(candidate, cancellationToken);
            if (!raised && Known(alert.Id)?.State == AlertState.Resolved)
            {
                // The store still holds open an alert this instance resolved while the store was down: close it, then raise.
                await _store.ResolveAsync(alert.Id, now, cancellationToken);
                (alert, raised) = await _store.RaiseAsync(candidate, cancellationToken);
            }
            Apply(alert, madeHere: raised);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Redis down is itself worth an alert: shown here, in this instance only.
            _logger.LogWarning(e, "Could not record alert {AlertId} in the alert store; shown in this instance only", candidate.Id);
            Apply(candidate, madeHere: true);
        }
    }

    /// <summary>Resolves an open alert; a store failure leaves it open, and the evaluator tries again on its next look.</summary>
    internal async Task ResolveAsync(Alert alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var (resolved, stored) = await _store.ResolveAsync(alert.Id, now, cancellationToken);
            Apply(stored ?? alert with { State = AlertState.Resolved, ResolvedAt = now }, madeHere: resolved || stored is null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(e, "Could not resolve alert {AlertId} in the alert store; trying again", alert.Id);
        }
    }

    private Alert? Known(string id)
    {
        lock (_lock) { return _alerts.GetValueOrDefault(id); }
    }

    /// <summary>Shows a newer state of an alert and tells the subscribers; an older or equal state changes nothing.</summary>
    internal void Apply(Alert alert, bool madeHere)
    {
        AlertTransition transition;
        lock (_lock)
        {
            if (_alerts.TryGetValue(alert.Id, out var shown) && shown.State >= alert.State) return;
            _alerts[alert.Id] = alert;
            PublishLocked();
            transition = new AlertTransition(alert, alert.State switch
            {
                AlertState.Resolved => alert.ResolvedAt ?? _time.GetUtcNow(),
                AlertState.Acknowledged => alert.AcknowledgedAt ?? _time.GetUtcNow(),
                _ => alert.RaisedAt,
            });
        }
        _subscribers.Publish(transition);
        if (madeHere) MadeHere?.Invoke(transition);
    }

    /// <summary>Forgets resolved alerts older than the retention.</summary>
    internal void Prune()
    {
        lock (_lock)
        {
            var cutoff = _time.GetUtcNow() - AlertsOptions.Retention;
            var old = _alerts.Values.Where(a => !a.IsOpen && (a.ResolvedAt ?? a.RaisedAt) < cutoff).Select(a => a.Id).ToList();
            if (old.Count == 0) return;
            foreach (var id in old) _alerts.Remove(id);
            PublishLocked();
        }
    }

    private void PublishLocked()
    {
        var newestFirst = _alerts.Values.OrderByDescending(a => a.RaisedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToImmutableArray();
        Volatile.Write(ref _view, new AlertsView([.. newestFirst.Where(a => a.IsOpen)], newestFirst));
    }
}
