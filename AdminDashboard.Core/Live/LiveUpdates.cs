using AdminDashboard.Core.Events.Contracts;
using Microsoft.Extensions.Logging;

namespace AdminDashboard.Core.Live;

/// <summary>Whether live updates are flowing; <see cref="Reason"/> says why not when paused.</summary>
public sealed record LiveStatus(bool IsLive, string? Reason, DateTimeOffset Since)
{
    /// <summary>The reason before the event source has said anything either way.</summary>
    public const string Connecting = "connecting to the event stream";

    public bool IsStarting => !IsLive && Reason == Connecting;
}

/// <summary>What the hub hands a subscriber: an event, or a change of live status.</summary>
public abstract record LiveNotification;

public sealed record EventNotification(HospitalEvent Event) : LiveNotification;

public sealed record StatusNotification(LiveStatus Status) : LiveNotification;

/// <summary>
/// In-process fan-out from the event pipeline to Blazor circuits and SSE clients. Each subscriber has its own
/// bounded queue and pump, so a slow browser holds up only itself, never the consumer or other circuits.
/// Callbacks run off the publisher's thread; their exceptions are logged, never thrown at the publisher.
/// </summary>
public sealed class LiveUpdates(ILogger<LiveUpdates> logger, TimeProvider time)
{
    private const int QueueCapacity = 512;
    private readonly SubscriberFanOut<LiveNotification> _subscribers = new(QueueCapacity, (e, notification) =>
        logger.LogWarning(e, "A live-update subscriber failed to handle {Notification}", notification.GetType().Name));
    private LiveStatus _status = new(false, LiveStatus.Connecting, time.GetUtcNow());

    public LiveStatus Status => _status;

    public int SubscriberCount => _subscribers.Count;

    /// <summary>Registers a callback; dispose the result to stop (idempotent).</summary>
    public IDisposable Subscribe(Func<LiveNotification, Task> callback) => _subscribers.Subscribe(callback);

    public void Publish(HospitalEvent hospitalEvent) => _subscribers.Publish(new EventNotification(hospitalEvent));

    /// <summary>Live or paused from now on; the hub stamps the time so every source reads the same clock.</summary>
    public void SetStatus(bool isLive, string? reason) => SetStatus(new LiveStatus(isLive, reason, time.GetUtcNow()));

    public void SetStatus(LiveStatus status)
    {
        var previous = _status;
        _status = status;
        if (previous.IsLive != status.IsLive || previous.Reason != status.Reason)
            _subscribers.Publish(new StatusNotification(status));
    }
}
