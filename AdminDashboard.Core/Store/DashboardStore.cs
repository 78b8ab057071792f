using System.Collections.Immutable;
using System.Text.Json;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Charts;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Hospital;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Upstream;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Store;

/// <summary>
/// The one dashboard state of the process (Aspire's resource store and subscriptions). Every open dashboard subscribes
/// with its range; the store reads the figures once for all of them and publishes one immutable
/// <see cref="DashboardSnapshot"/> per range. An event shows at once (its own delta and feed line), then starts a
/// refresh: the first event of a burst starts it at once, those during it fold into one trailing refresh, whatever the
/// number of dashboards. One timer refreshes while any dashboard is open; a refresh that changes nothing publishes nothing.
/// </summary>
public sealed class DashboardStore : IDisposable
{
    /// <summary>How many new appointments the feed keeps, shared by every page.</summary>
    public const int FeedLength = 8;

    // Events applied to the figures but perhaps not yet in what the cache returns; bounded in case the stats never load.
    private const int RememberedEvents = 256;

    private readonly IDashboardReader _reader;
    private readonly HospitalTime _hospital;
    private readonly TimeProvider _time;
    private readonly DashboardMetrics _metrics;
    private readonly ILogger<DashboardStore> _logger;
    private readonly TimeSpan _period;
    private readonly IDisposable _hubSubscription;
    private readonly CancellationTokenSource _stopping = new();

    private readonly Lock _lock = new();
    private readonly Dictionary<int, List<Subscription>> _subscriptions = [];
    private readonly Dictionary<int, RangeCharts> _charts = [];
    private readonly List<(DateTimeOffset ReceivedAt, HospitalEvent Event)> _recentEvents = [];
    private int _subscriptionCount;
    private ITimer? _timer;
    private long _version;
    private long _feedSequence;
    private ApiEnvelope<DashboardStats>? _stats;
    private bool _refreshFailed;
    private ApiEnvelope<AppointmentTrends>? _weekTrends;
    private ApiEnvelope<RevenueReport>? _weekRevenue;
    private ImmutableArray<FeedLine> _feed = [];
    private LiveStatus _status;

    // Leading-edge coalescing: a request while a refresh runs folds into one trailing refresh.
    private bool _refreshing;
    private bool _again;
    private bool _againBypassesCache;
    private SnapshotCause _againCause;
    private TaskCompletionSource? _trailingDone;
    private Task _running = Task.CompletedTask;
    private bool _disposed;

    public DashboardStore(IDashboardReader reader, LiveUpdates hub, HospitalTime hospital, TimeProvider time, DashboardMetrics metrics,
        IOptions<DashboardStoreOptions> options, ILogger<DashboardStore> logger)
    {
        _reader = reader;
        _hospital = hospital;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _period = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        _metrics.ObserveGauge("dashboard.store.subscriptions", () => SubscriptionCount, "Open dashboards subscribed to the store");
        // Subscribe first, then read: a status change in between is delivered, not lost.
        _hubSubscription = hub.Subscribe(OnHubAsync);
        _status = hub.Status;
    }

    /// <summary>How often the store's timer refreshes while a dashboard is open.</summary>
    public TimeSpan RefreshPeriod => _period;

    public int SubscriptionCount { get { lock (_lock) { return _subscriptionCount; } } }

    /// <summary>The snapshot a page on <paramref name="days"/> shows now (parts still loading are null).</summary>
    public DashboardSnapshot Current(int days)
    {
        lock (_lock) { return SnapshotLocked(days, SnapshotCause.Load); }
    }

    /// <summary>
    /// Calls <paramref name="callback"/> with each snapshot of <paramref name="days"/> published from now on, off the
    /// store's thread; while a call runs, newer snapshots replace each other and only the newest follows. Dispose to stop
    /// (idempotent); <see cref="Subscription.DisposeAsync"/> also waits for a call in flight.
    /// </summary>
    public Subscription Subscribe(int days, Func<DashboardSnapshot, Task> callback)
    {
        var subscription = new Subscription(this, days, callback);
        bool firstOfRange;
        lock (_lock)
        {
            if (!_subscriptions.TryGetValue(days, out var list)) _subscriptions[days] = list = [];
            list.Add(subscription);
            firstOfRange = !_charts.ContainsKey(days);
            if (_subscriptionCount++ == 0)
                _timer = _time.CreateTimer(_ => RequestRefresh(SnapshotCause.Timer), null, _period, _period);
        }
        if (firstOfRange || _stats is null) RequestRefresh(SnapshotCause.Load);
        return subscription;
    }

    /// <summary>
    /// The snapshot of <paramref name="days"/> once its figures are in: at once when they are, else when the refresh under
    /// way has published (a page being prerendered shows figures, not placeholders). Subscribe first.
    /// </summary>
    public async Task<DashboardSnapshot> LoadedAsync(int days)
    {
        Task running;
        lock (_lock)
        {
            if (_stats is not null && _charts.ContainsKey(days)) return SnapshotLocked(days, SnapshotCause.Load);
            running = _running;
        }
        await running;
        return Current(days);
    }

    /// <summary>The admin's Refresh: the stats from the services, not the cache; completes when published.</summary>
    public Task RefreshFromServicesAsync() => RequestRefresh(SnapshotCause.Admin, bypassCache: true);

    /// <summary>
    /// Starts a refresh at once, or, when one is running, folds into the one trailing refresh that follows it.
    /// Completes when the refresh that covers this request has published.
    /// </summary>
    public Task RequestRefresh(SnapshotCause cause, bool bypassCache = false)
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            if (_disposed || _subscriptionCount == 0) return Task.CompletedTask;
            if (_refreshing)
            {
                _againCause = _again ? Stronger(_againCause, cause) : cause;
                _again = true;
                _againBypassesCache |= bypassCache;
                _trailingDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _trailingDone.Task;
            }
            _refreshing = true;
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _running = done.Task;
        }
        _ = Task.Run(() => RefreshLoopAsync(cause, bypassCache, done));
        return done.Task;
    }

    // What a paused page must still apply wins: an event folded with a timer tick is an event.
    private static SnapshotCause Stronger(SnapshotCause a, SnapshotCause b) => (SnapshotCause)Math.Max((int)a, (int)b);

    private async Task RefreshLoopAsync(SnapshotCause cause, bool bypassCache, TaskCompletionSource done)
    {
        while (true)
        {
            try
            {
                await RefreshOnceAsync(cause, bypassCache);
            }
            catch (Exception e) when (!_stopping.IsCancellationRequested)
            {
                _logger.LogError(e, "The dashboard store's refresh failed");
            }
            catch (OperationCanceledException)
            {
            }
            // Completed once the store is idle again (or has begun the trailing refresh): whoever awaited this refresh
            // and asks for another then starts one of its own rather than folding into this one as it ends.
            var finished = done;
            TaskCompletionSource? abandoned = null;
            bool again;
            lock (_lock)
            {
                again = _again && !_disposed;
                if (!again)
                {
                    _refreshing = false;
                    abandoned = _trailingDone;
                    _trailingDone = null;
                    _again = false;
                }
                else
                {
                    _again = false;
                    cause = _againCause;
                    bypassCache = _againBypassesCache;
                    _againBypassesCache = false;
                    done = _trailingDone!;
                    _trailingDone = null;
                    _running = done.Task;
                }
            }
            finished.TrySetResult();
            // Disposed with a trailing refresh asked for: it will not run, and its askers are not left waiting.
            abandoned?.TrySetResult();
            if (!again) return;
        }
    }

    private async Task RefreshOnceAsync(SnapshotCause cause, bool bypassCache)
    {
        _metrics.RecordStoreRefresh(cause.ToString().ToLowerInvariant());
        var ct = _stopping.Token;
        int[] ranges;
        lock (_lock) { ranges = [.. _subscriptions.Where(s => s.Value.Count > 0).Select(s => s.Key)]; }

        // Every read starts at once; each failing one keeps its part's previous value, so one service greys one widget.
        var stats = Try(() => _reader.StatsAsync(bypassCache, ct));
        var weekTrends = Try(() => _reader.AppointmentTrendsAsync(7, ct));
        var weekRevenue = Try(() => _reader.RevenueAsync(7, ct));
        var stock = Try(() => _reader.MedicineStockAsync(ct));
        var charts = ranges.Select(days => (Days: days, Trends: Try(() => _reader.AppointmentTrendsAsync(days, ct)), Revenue: Try(() => _reader.RevenueAsync(days, ct)),
            Growth: Try(() => _reader.PatientGrowthAsync(days, ct)), Top: Try(() => _reader.TopDoctorsAsync(days, ct)))).ToList();

        // The headline figures first on the first load: the cards need not wait for the charts.
        if (_stats is null && await stats is { } first)
            lock (_lock) { if (MergeStatsLocked(first, failed: false)) PublishLocked(SnapshotCause.Load); }

        var loadedStats = await stats;
        var loadedTrends = await weekTrends;
        var loadedRevenue = await weekRevenue;
        var loadedStock = await stock;
        var loadedCharts = new List<(int Days, ApiEnvelope<AppointmentTrends>?, ApiEnvelope<RevenueReport>?, ApiEnvelope<PatientGrowth>?, ApiEnvelope<TopDoctors>?)>();
        foreach (var c in charts) loadedCharts.Add((c.Days, await c.Trends, await c.Revenue, await c.Growth, await c.Top));

        lock (_lock)
        {
            var changed = loadedStats is null ? MarkFailedLocked() : MergeStatsLocked(loadedStats, failed: false);
            changed |= Keep(ref _weekTrends, loadedTrends);
            changed |= Keep(ref _weekRevenue, loadedRevenue);
            foreach (var (days, trends, revenue, growth, top) in loadedCharts)
            {
                var before = _charts.GetValueOrDefault(days) ?? RangeCharts.Empty(days);
                var after = before with
                {
                    Trends = Same(before.Trends, trends), Revenue = Same(before.Revenue, revenue), Growth = Same(before.Growth, growth),
                    TopDoctors = Same(before.TopDoctors, top), Stock = Same(before.Stock, loadedStock),
                };
                if (!_charts.ContainsKey(days) || !PartsEqual(before, after)) { _charts[days] = after; changed = true; }
            }
            // The stock list is the same on every range: a range not watched now gets it when it is watched again.
            if (changed) PublishLocked(cause);
        }
    }

    private static bool PartsEqual(RangeCharts a, RangeCharts b) =>
        ReferenceEquals(a.Trends, b.Trends) && ReferenceEquals(a.Revenue, b.Revenue) && ReferenceEquals(a.Growth, b.Growth)
        && ReferenceEquals(a.TopDoctors, b.TopDoctors) && ReferenceEquals(a.Stock, b.Stock);

    private async Task<T?> Try<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (!_stopping.IsCancellationRequested)
        {
            _logger.LogWarning(e, "The dashboard store could not read {Part}", typeof(T).Name);
            return null;
        }
    }

    private bool MarkFailedLocked()
    {
        if (_refreshFailed) return false;
        _refreshFailed = true;
        return true;
    }

    /// <summary>
    /// Takes the services' stats, with the delta of every event received since they were computed applied again (the cache
    /// may answer with figures from before an event); keeps the previous instance when nothing a reader sees changed.
    /// </summary>
    private bool MergeStatsLocked(ApiEnvelope<DashboardStats> loaded, bool failed)
    {
        var computedAt = loaded.Data?.Timestamp ?? DateTimeOffset.MinValue;
        _recentEvents.RemoveAll(e => e.ReceivedAt <= computedAt);
        if (loaded.Data is { } data && _recentEvents.Count > 0)
            loaded = loaded with { Data = _recentEvents.Aggregate(data, (d, e) => KpiDelta.Apply(d, e.Event, _hospital)) };
        var changed = _refreshFailed != failed;
        _refreshFailed = failed;
        if (_stats is not null && SameStats(_stats, loaded)) return changed;
        _stats = loaded;
        return true;
    }

    private static bool SameStats(ApiEnvelope<DashboardStats> shown, ApiEnvelope<DashboardStats> loaded) =>
        SameFigures(shown with { Data = shown.Data! with { ResponseTime = 0, FromCache = false } },
            loaded with { Data = loaded.Data! with { ResponseTime = 0, FromCache = false } });

    private static bool Keep<T>(ref ApiEnvelope<T>? field, ApiEnvelope<T>? loaded) where T : class
    {
        var kept = Same(field, loaded);
        if (ReferenceEquals(kept, field)) return false;
        field = kept;
        return true;
    }

    /// <summary>The shown instance when the loaded one shows the same (or failed to load), else the loaded one.</summary>
    private static ApiEnvelope<T>? Same<T>(ApiEnvelope<T>? shown, ApiEnvelope<T>? loaded) where T : class =>
        loaded is null || (shown is not null && SameFigures(shown, loaded)) ? shown : loaded;

    /// <summary>
    /// Same figures, same sources: re-rendering would change nothing on screen. A stale envelope never shows the same,
    /// because its age ("4 min old") moves on even when its figures do not. Compared once per refresh, not per page.
    /// </summary>
    public static bool SameFigures<T>(ApiEnvelope<T> shown, ApiEnvelope<T> loaded) where T : class =>
        shown.Sources.All(s => s.Status != SourceStatus.Stale)
        && JsonSerializer.SerializeToUtf8Bytes(shown with { FromCache = null }, UpstreamJson.Options)
            .AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(loaded with { FromCache = null }, UpstreamJson.Options));

    private Task OnHubAsync(LiveNotification notification)
    {
        switch (notification)
        {
            case EventNotification { Event: var e }:
                lock (_lock)
                {
                    // The event's own delta shows at once, with its feed line; the services' figures follow with the refresh.
                    _recentEvents.Add((_time.GetUtcNow(), e));
                    if (_recentEvents.Count > RememberedEvents) _recentEvents.RemoveAt(0);
                    if (_stats?.Data is { } data) _stats = _stats with { Data = KpiDelta.Apply(data, e, _hospital) };
                    // An id replayed after the pipeline's de-duplication window has forgotten it is still listed once.
                    if (e.EventType == EventTopics.AppointmentCreated && !_feed.Any(l => l.Event.EventId == e.EventId))
                    {
                        var feed = _feed.Insert(0, new FeedLine(++_feedSequence, e));
                        _feed = feed.Length > FeedLength ? feed.RemoveAt(FeedLength) : feed;
                    }
                    PublishLocked(SnapshotCause.Event);
                }
                RequestRefresh(SnapshotCause.Event);
                break;
            case StatusNotification { Status: var status }:
                lock (_lock)
                {
                    _status = status;
                    PublishLocked(SnapshotCause.Status);
                }
                // Back from an outage: events may have been missed while paused.
                if (status.IsLive) RequestRefresh(SnapshotCause.Status);
                break;
        }
        return Task.CompletedTask;
    }

    private DashboardSnapshot SnapshotLocked(int days, SnapshotCause cause) => new(
        _version, cause, _stats, _refreshFailed, _weekTrends, _weekRevenue, _charts.GetValueOrDefault(days) ?? RangeCharts.Empty(days), _feed, _status)
    {
        PublishedAt = _time.GetTimestamp(),
    };

    /// <summary>One snapshot per watched range, handed to each of its subscriptions without waiting for any of them.</summary>
    private void PublishLocked(SnapshotCause cause)
    {
        _version++;
        foreach (var (days, list) in _subscriptions)
        {
            if (list.Count == 0) continue;
            var snapshot = SnapshotLocked(days, cause);
            foreach (var subscription in list) subscription.Deliver(snapshot);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            if (!_subscriptions.TryGetValue(subscription.Days, out var list) || !list.Remove(subscription)) return;
            if (--_subscriptionCount == 0)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
        _hubSubscription.Dispose();
        _stopping.Cancel();
    }

    /// <summary>The metric's label for each cause, made once rather than per page and snapshot.</summary>
    private static readonly string[] CauseNames = Enum.GetNames<SnapshotCause>().Select(n => n.ToLowerInvariant()).ToArray();

    /// <summary>
    /// One page's subscription: a slot for the newest snapshot and a pump that runs only while there is one to hand
    /// over, so an idle page costs no task or queue. A slow page holds up only itself.
    /// </summary>
    public sealed class Subscription(DashboardStore store, int days, Func<DashboardSnapshot, Task> callback) : IDisposable, IAsyncDisposable
    {
        private DashboardSnapshot? _pending;
        private Task _pump = Task.CompletedTask;
        private int _pumping;
        private int _disposed;

        internal int Days => days;

        // Called under the store's lock, so once removed no pump starts and the last one started is the one to wait for.
        internal void Deliver(DashboardSnapshot snapshot)
        {
            Volatile.Write(ref _pending, snapshot);
            if (Interlocked.CompareExchange(ref _pumping, 1, 0) == 0) Volatile.Write(ref _pump, Task.Run(PumpAsync));
        }

        private async Task PumpAsync()
        {
            while (true)
            {
                var snapshot = Interlocked.Exchange(ref _pending, null);
                if (snapshot is null)
                {
                    // A full fence, not a volatile write: the release must be visible before _pending is read again, or a
                    // Deliver in between sees the pump still running while the pump sees nothing pending, and its
                    // snapshot waits for the next one (a volatile write may pass the read that follows it).
                    Interlocked.Exchange(ref _pumping, 0);
                    // A snapshot delivered between the read and the release would otherwise wait for the next one.
                    if (Volatile.Read(ref _pending) is null || Interlocked.CompareExchange(ref _pumping, 1, 0) != 0) return;
                    continue;
                }
                if (Volatile.Read(ref _disposed) == 1) return;
                try
                {
                    await callback(snapshot);
                    // A page's callback completes once it has rendered the snapshot (a circuit builds the batch and
                    // queues it for the browser inside it): the server's share of how long a snapshot takes to show.
                    store._metrics.RecordSnapshotRendered(CauseNames[(int)snapshot.Cause], store._time.GetElapsedTime(snapshot.PublishedAt).TotalMilliseconds);
                }
                catch (Exception e)
                {
                    store._logger.LogWarning(e, "A dashboard failed to apply snapshot {Version}", snapshot.Version);
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            Volatile.Write(ref _pending, null);
            store.Remove(this);
        }

        /// <summary>Stops, and completes once a snapshot being handed over has been (nothing is retained after).</summary>
        public async ValueTask DisposeAsync()
        {
            Dispose();
            await Volatile.Read(ref _pump);
        }
    }
}
