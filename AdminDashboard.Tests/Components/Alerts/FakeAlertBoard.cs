using System.Collections.Immutable;
using AdminDashboard.Core.Alerts;

namespace AdminDashboard.Tests.Components.Alerts;

/// <summary>
/// A board the test drives by hand: each change publishes a new view first, then tells every subscriber, as the real
/// board does. It records acknowledgements and answers them with <see cref="NextOutcome"/> (or throws <see cref="Failure"/>).
/// </summary>
internal sealed class FakeAlertBoard : IAlertBoard
{
    private readonly List<Func<AlertTransition, Task>> _subscribers = [];
    private ImmutableArray<Alert> _alerts = [];

    public AlertsView Current { get; private set; } = AlertsView.Empty;

    public int Subscribers { get { lock (_subscribers) return _subscribers.Count; } }

    public List<(string Id, string By)> Acknowledgements { get; } = [];

    /// <summary>What the next acknowledgement answers; null: acknowledge the alert for real.</summary>
    public AcknowledgeOutcome? NextOutcome { get; set; }

    public Exception? Failure { get; set; }

    public IDisposable Subscribe(Func<AlertTransition, Task> callback)
    {
        lock (_subscribers) _subscribers.Add(callback);
        return new Unsubscriber(this, callback);
    }

    public async Task<AcknowledgeOutcome> AcknowledgeAsync(string id, string acknowledgedBy, CancellationToken cancellationToken)
    {
        Acknowledgements.Add((id, acknowledgedBy));
        if (Failure is not null) throw Failure;
        if (NextOutcome is { } outcome) return outcome;
        var alert = _alerts.Single(a => a.Id == id);
        await ChangeAsync(alert with { State = AlertState.Acknowledged, AcknowledgedBy = acknowledgedBy, AcknowledgedAt = alert.RaisedAt.AddMinutes(1) });
        return AcknowledgeOutcome.Acknowledged;
    }

    /// <summary>Puts the alert on the board as it is, without telling anyone: it was there before the page opened.</summary>
    public void Seed(Alert alert) => Publish(alert);

    public Task RaiseAsync(Alert alert) => ChangeAsync(alert);

    public Task AcknowledgeByAsync(string id, string by, DateTimeOffset at) =>
        ChangeAsync(_alerts.Single(a => a.Id == id) with { State = AlertState.Acknowledged, AcknowledgedBy = by, AcknowledgedAt = at });

    public Task ResolveAsync(string id, DateTimeOffset at) =>
        ChangeAsync(_alerts.Single(a => a.Id == id) with { State = AlertState.Resolved, ResolvedAt = at });

    private async Task ChangeAsync(Alert alert)
    {
        Publish(alert);
        Func<AlertTransition, Task>[] subscribers;
        lock (_subscribers) subscribers = [.. _subscribers];
        foreach (var subscriber in subscribers)
            await subscriber(new AlertTransition(alert, alert.ResolvedAt ?? alert.AcknowledgedAt ?? alert.RaisedAt));
    }

    private void Publish(Alert alert)
    {
        _alerts = [alert, .. _alerts.Where(a => a.Id != alert.Id)];
        var newestFirst = _alerts.OrderByDescending(a => a.RaisedAt).ToImmutableArray();
        Current = new AlertsView([.. newestFirst.Where(a => a.IsOpen)], newestFirst);
    }

    public static Alert Raised(string id, DateTimeOffset raisedAt, AlertSeverity severity = AlertSeverity.Critical, string subject = "billing",
        string? summary = null) =>
        new(id, "service-unavailable", severity, subject, summary ?? $"{subject} has been unavailable for 60 s", AlertState.Raised, raisedAt, null, null, null);

    private sealed class Unsubscriber(FakeAlertBoard board, Func<AlertTransition, Task> callback) : IDisposable
    {
        public void Dispose()
        {
            lock (board._subscribers) board._subscribers.Remove(callback);
        }
    }
}
