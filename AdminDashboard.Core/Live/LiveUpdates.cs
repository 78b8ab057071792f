using System.Threading.Channels;
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
    private ILogger Logger => logger;
    private const int QueueCapacity = 512;
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];
    private LiveStatus _status = new(false, LiveStatus.Connecting, time.GetUtcNow());

    public LiveStatus Status => _status;

    public int SubscriberCount { get { lock (_lock) { return _subscriptions.Count; } } }

    /// <summary>Registers a callback; dispose the result to stop (idempotent).</summary>
    public IDisposable Subscribe(Func<LiveNotification, Task> callback)
    {
        var subscription = new Subscription(this, callback);
        lock (_lock) { _subscriptions.Add(subscription); }
        return subscription;
    }

    public void Publish(HospitalEvent hospitalEvent) => Broadcast(new EventNotification(hospitalEvent));

    /// <summary>Live or paused from now on; the hub stamps the time so every source reads the same clock.</summary>
    public void SetStatus(bool isLive, string? reason) => SetStatus(new LiveStatus(isLive, reason, time.GetUtcNow()));

    public void SetStatus(LiveStatus status)
    {
        var previous = _status;
        _status = status;
        if (previous.IsLive != status.IsLive || previous.Reason != status.Reason)
            Broadcast(new StatusNotification(status));
    }

    private void Broadcast(LiveNotification notification)
    {
        Subscription[] targets;
        lock (_lock) { targets = [.. _subscriptions]; }
        foreach (var target in targets) target.Enqueue(notification);
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock) { _subscriptions.Remove(subscription); }
    }

    private sealed class Subscription : IDisposable
    {
        private readonly LiveUpdates _hub;
        private readonly Func<LiveNotification, Task> _callback;
        private readonly Channel<LiveNotification> _queue = Channel.CreateBounded<LiveNotification>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        private int _disposed;

        public Subscription(LiveUpdates hub, Func<LiveNotification, Task> callback)
        {
            _hub = hub;
            _callback = callback;
            _ = Task.Run(PumpAsync);
        }

        public void Enqueue(LiveNotification notification) => _queue.Writer.TryWrite(notification);

        private async Task PumpAsync()
        {
            await foreach (var notification in _queue.Reader.ReadAllAsync())
            {
                // Disposed with items still queued: they were meant for a page that is gone.
                if (Volatile.Read(ref _disposed) == 1) return;
                try
                {
                    await _callback(notification);
                }
                catch (Exception e)
                {
                    _hub.Logger.LogWarning(e, "A live-update subscriber failed to handle {Notification}", notification.GetType().Name);
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            _hub.Remove(this);
            _queue.Writer.TryComplete();
        }
    }
}
