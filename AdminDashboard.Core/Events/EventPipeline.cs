using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Live;
using Microsoft.Extensions.Logging;

namespace AdminDashboard.Core.Events;

/// <summary>
/// What happens to each message, whichever bus brought it: parse, drop duplicates (by eventId), invalidate the
/// cache as <see cref="CacheInvalidationMap"/> says (stale, refreshed in the background: <see cref="FirstLevelCache"/>), then tell the hub. A message that cannot be read is logged,
/// counted and skipped; it never stops the consumer.
/// </summary>
public sealed class EventPipeline(FirstLevelCache cache, LiveUpdates hub, DashboardMetrics metrics, TimeProvider time, ILogger<EventPipeline> logger)
{
    private const int RememberedEventIds = 10_000;
    private readonly Lock _seenLock = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();

    /// <summary>Handles one message; returns false when it was skipped as unreadable or unknown.</summary>
    public async Task<bool> HandleAsync(string topic, string? payload, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        if (!HospitalEventParser.TryParse(topic, payload, receivedAt, out var hospitalEvent, out var error))
        {
            metrics.RecordEventFailed(topic, error!.StartsWith("unknown", StringComparison.Ordinal) ? "unknown-type" : "malformed");
            logger.LogWarning("Skipped a message on {Topic}: {Error}", topic, error);
            return false;
        }
        if (AlreadyApplied(hospitalEvent!.EventId))
        {
            metrics.RecordEventDuplicate(hospitalEvent.EventType);
            return true;
        }
        // The keys are independent: invalidate them together, so the hub (and the screen) waits one round trip, not one
        // per key. Entries this instance holds are marked stale and refreshed in the background, not dropped.
        await Task.WhenAll(CacheInvalidationMap.For(hospitalEvent.EventType).Select(keyOrPattern => cache.MarkStaleAsync(keyOrPattern, cancellationToken)));
        // Remembered only once applied: a failure above leaves it to be handled again on redelivery.
        if (!Remember(hospitalEvent.EventId))
        {
            metrics.RecordEventDuplicate(hospitalEvent.EventType);
            return true;
        }
        hub.Publish(hospitalEvent);
        metrics.RecordEventConsumed(hospitalEvent.EventType, (time.GetUtcNow() - hospitalEvent.OccurredAt).TotalMilliseconds);
        return true;
    }

    private bool AlreadyApplied(string eventId)
    {
        lock (_seenLock) { return _seen.Contains(eventId); }
    }

    private bool Remember(string eventId)
    {
        lock (_seenLock)
        {
            if (!_seen.Add(eventId)) return false;
            _seenOrder.Enqueue(eventId);
            if (_seenOrder.Count > RememberedEventIds) _seen.Remove(_seenOrder.Dequeue());
            return true;
        }
    }
}
