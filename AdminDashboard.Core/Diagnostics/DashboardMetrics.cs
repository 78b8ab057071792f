using System.Diagnostics.Metrics;
using System.Diagnostics;

namespace AdminDashboard.Core.Diagnostics;

/// <summary>
/// The dashboard's own meter, which every area records into. It takes plain names and numbers, never an area's
/// types, so that it depends on no area and every area may depend on it.
/// </summary>
public sealed class DashboardMetrics : IDisposable
{
    public const string MeterName = "BlazorAdmin.Dashboard";
    private readonly Meter _meter;
    private readonly Counter<long> _upstreamCalls;
    private readonly Histogram<double> _upstreamLatency;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _eventsConsumed;
    private readonly Histogram<double> _eventLatency;
    private readonly Counter<long> _eventsFailed;
    private readonly Counter<long> _eventsDuplicate;
    private readonly UpDownCounter<long> _circuits;
    private readonly Counter<long> _storeRefreshes;
    private readonly Histogram<double> _snapshotRendered;

    public DashboardMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _upstreamCalls = _meter.CreateCounter<long>("dashboard.upstream.calls", description: "Upstream stats calls by service and outcome");
        _upstreamLatency = _meter.CreateHistogram<double>("dashboard.upstream.duration", "ms", "Upstream stats call duration");
        _cacheLookups = _meter.CreateCounter<long>("dashboard.cache.lookups", description: "Cache lookups by key family and result (hit, miss, refresh, error)");
        // Created up front so they are exported (as 0) before the first event or circuit.
        _eventsConsumed = _meter.CreateCounter<long>("dashboard.events.consumed", description: "Events applied (cache invalidated, hub told) by type");
        _eventLatency = _meter.CreateHistogram<double>("dashboard.events.latency", "ms", "From the event's occurredAt to the hub");
        _eventsFailed = _meter.CreateCounter<long>("dashboard.events.failed", description: "Messages skipped: malformed, unknown type, unreadable, handler error");
        _eventsDuplicate = _meter.CreateCounter<long>("dashboard.events.duplicates", description: "Events seen again (same eventId) and not applied twice");
        _storeRefreshes = _meter.CreateCounter<long>("dashboard.store.refreshes", description: "Refreshes of the dashboard store (stats and charts read once for every open dashboard), by cause");
        _snapshotRendered = _meter.CreateHistogram<double>("dashboard.store.snapshot_rendered", "ms",
            "From the store publishing a snapshot to a page having applied it (rendered, its batch queued for the browser), by cause");
        _circuits = _meter.CreateUpDownCounter<long>("dashboard.circuits.active", description: "Open Blazor circuits on this instance");
        _circuits.Add(0);
    }

    /// <param name="service">The service's wire name (<c>billing</c>).</param>
    /// <param name="status">The call's outcome in lower case (<c>ok</c>, <c>error</c>, <c>timeout</c>).</param>
    public void RecordUpstreamCall(string service, string status, long elapsedMs)
    {
        var tags = new TagList { { "service", service }, { "status", status } };
        _upstreamCalls.Add(1, tags);
        _upstreamLatency.Record(elapsedMs, tags);
    }

    /// <summary>Per service: 0 answering, 1 degraded, 2 down (the health tracker's classification).</summary>
    public void ObserveUpstreamState(Func<IEnumerable<(string Service, int State)>> states) =>
        _meter.CreateObservableGauge("dashboard.upstream.state",
            () => states().Select(s => new Measurement<int>(s.State, new KeyValuePair<string, object?>("service", s.Service))),
            description: "Per service: 0 answering, 1 degraded, 2 down");

    /// <summary>1 while the shared Redis cache answers, 0 while the in-process fallback stands in.</summary>
    public void ObserveRedisAvailability(Func<bool> available) =>
        _meter.CreateObservableGauge("dashboard.cache.redis.available", () => available() ? 1 : 0,
            description: "1 when the Redis cache is in use, 0 while the in-process fallback serves");

    /// <summary>A gauge read when the metrics are collected, for figures another system keeps (Redis' INFO).</summary>
    public void ObserveGauge(string name, Func<long> value, string description, string? unit = null) =>
        _meter.CreateObservableGauge(name, value, unit, description);

    public void RecordEventConsumed(string eventType, double eventToHubMs)
    {
        _eventsConsumed.Add(1, new TagList { { "type", eventType } });
        _eventLatency.Record(eventToHubMs, new TagList { { "type", eventType } });
    }

    public void RecordEventFailed(string topic, string reason) =>
        _eventsFailed.Add(1, new TagList { { "topic", topic }, { "reason", reason } });

    public void RecordEventDuplicate(string eventType) =>
        _eventsDuplicate.Add(1, new TagList { { "type", eventType } });

    public void ObserveConsumerLag(Func<long> lag) =>
        _meter.CreateObservableGauge("dashboard.events.consumer_lag", lag, description: "Messages the consumer group has yet to read, summed over its assigned partitions");

    /// <summary>Open Blazor circuits (dashboards in browsers) on this instance: +1 when one opens, -1 when it closes.</summary>
    public void CircuitsChanged(int delta) => _circuits.Add(delta);

    /// <param name="cause">load, event, timer, admin or status.</param>
    public void RecordStoreRefresh(string cause) => _storeRefreshes.Add(1, new KeyValuePair<string, object?>("cause", cause));

    /// <summary>
    /// One page rendered one snapshot: the server's share of event-to-screen with many pages open (the rest is the
    /// WebSocket and the browser).
    /// </summary>
    /// <param name="cause">load, event, timer, admin or status.</param>
    public void RecordSnapshotRendered(string cause, double milliseconds) =>
        _snapshotRendered.Record(milliseconds, new KeyValuePair<string, object?>("cause", cause));

    public void RecordCacheLookup(string keyFamily, string result) =>
        _cacheLookups.Add(1, new TagList { { "family", keyFamily }, { "result", result } });

    public void Dispose() => _meter.Dispose();
}
