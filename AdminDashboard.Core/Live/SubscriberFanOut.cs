using System.Threading.Channels;

namespace AdminDashboard.Core.Live;

/// <summary>
/// Hands each published item to every subscriber through the subscriber's own bounded queue and pump, so a slow
/// browser or stream holds up only itself, never the publisher or the others. A full queue drops its oldest item.
/// Callbacks run off the publisher's thread; their exceptions go to <c>onFailure</c>, never to the publisher.
/// </summary>
public sealed class SubscriberFanOut<T>(int queueCapacity, Action<Exception, T> onFailure)
{
    private readonly int _queueCapacity = queueCapacity;
    private readonly Action<Exception, T> _onFailure = onFailure;
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];

    public int Count { get { lock (_lock) { return _subscriptions.Count; } } }

    /// <summary>Registers a callback; dispose the result to stop (idempotent). Items still queued then are dropped.</summary>
    public IDisposable Subscribe(Func<T, Task> callback)
    {
        var subscription = new Subscription(this, callback);
        lock (_lock) { _subscriptions.Add(subscription); }
        return subscription;
    }

    public void Publish(T item)
    {
        Subscription[] targets;
        lock (_lock) { targets = [.. _subscriptions]; }
        foreach (var target in targets) target.Enqueue(item);
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock) { _subscriptions.Remove(subscription); }
    }

    private sealed class Subscription : IDisposable
    {
        private readonly SubscriberFanOut<T> _fanOut;
        private readonly Func<T, Task> _callback;
        private readonly Channel<T> _queue;
        private int _disposed;

        public Subscription(SubscriberFanOut<T> fanOut, Func<T, Task> callback)
        {
            _fanOut = fanOut;
            _callback = callback;
            _queue = Channel.CreateBounded<T>(new BoundedChannelOptions(fanOut._queueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            });
            _ = Task.Run(PumpAsync);
        }

        public void Enqueue(T item) => _queue.Writer.TryWrite(item);

        private async Task PumpAsync()
        {
            await foreach (var item in _queue.Reader.ReadAllAsync())
            {
                // Disposed with items still queued: they were meant for a page or stream that is gone.
                if (Volatile.Read(ref _disposed) == 1) return;
                try
                {
                    await _callback(item);
                }
                catch (Exception e)
                {
                    _fanOut._onFailure(e, item);
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            _fanOut.Remove(this);
            _queue.Writer.TryComplete();
        }
    }
}
