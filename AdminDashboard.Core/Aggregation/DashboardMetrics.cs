using System.Diagnostics;
using System.Diagnostics.Metrics;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Core.Aggregation;

/// <summary>The dashboard's own meters: upstream call outcomes and latency, stats cache hits and misses.</summary>
public sealed class DashboardMetrics : IDisposable
{
    public const string MeterName = "BlazorAdmin.Dashboard";
    private readonly Meter _meter;
    private readonly Counter<long> _upstreamCalls;
    private readonly Histogram<double> _upstreamLatency;
    private readonly Counter<long> _cacheLookups;

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
        _circuits = _meter.CreateUpDownCounter<long>("dashboard.circuits.active", description: "Open Blazor circuits on this instance");
        _circuits.Add(0);
    }

    public void RecordUpstreamCall(UpstreamService service, SourceStatus status, long elapsedMs)
    {
        var tags = new TagList { { "service", service.WireName() }, { "status", status.ToString().ToLowerInvariant() } };
        _upstreamCalls.Add(1, tags);
        _upstreamLatency.Record(elapsedMs, tags);
    }

    /// <summary>Per service: 0 answering, 1 degraded, 2 down (see <see cref="Health.UpstreamHealthTracker.State"/>).</summary>
    public void ObserveUpstreamState(Func<IEnumerable<(string Service, int State)>> states) =>
        _meter.CreateObservableGauge("dashboard.upstream.state",
            () => states().Select(s => new Measurement<int>(s.State, new KeyValuePair<string, object?>("service", s.Service))),
            description: "Per service: 0 answering, 1 degraded, 2 down");

    /// <summary>1 while the shared Redis cache answers, 0 while the in-process fallback stands in.</summary>
    public void ObserveRedisAvailability(Func<bool> available) =>
        _meter.CreateObservableGauge("dashboard.cache.redis.available", () => available() ? 1 : 0,
            description: "1 when the Redis cache is in use, 0 while the in-process fallback serves");

    private Counter<long>? _eventsConsumed;
    private Counter<long>? _eventsFailed;
    private Histogram<double>? _eventLatency;

    public void RecordEventConsumed(string eventType, double eventToHubMs)
    {
        _eventsConsumed ??= _meter.CreateCounter<long>("dashboard.events.consumed", description: "Events applied (cache invalidated, hub told) by type");
        _eventLatency ??= _meter.CreateHistogram<double>("dashboard.events.latency", "ms", "From the event's occurredAt to the hub");
        _eventsConsumed.Add(1, new TagList { { "type", eventType } });
        _eventLatency.Record(eventToHubMs, new TagList { { "type", eventType } });
    }

    public void RecordEventFailed(string topic, string reason)
    {
        _eventsFailed ??= _meter.CreateCounter<long>("dashboard.events.failed", description: "Messages skipped: malformed, unknown type, unreadable, handler error");
        _eventsFailed.Add(1, new TagList { { "topic", topic }, { "reason", reason } });
    }

    private Counter<long>? _eventsDuplicate;

    public void RecordEventDuplicate(string eventType)
    {
        _eventsDuplicate ??= _meter.CreateCounter<long>("dashboard.events.duplicates", description: "Events seen again (same eventId) and not applied twice");
        _eventsDuplicate.Add(1, new TagList { { "type", eventType } });
    }

    public void ObserveConsumerLag(Func<long> lag) =>
        _meter.CreateObservableGauge("dashboard.events.consumer_lag", lag, description: "Messages the consumer group has yet to read, summed over its assigned partitions");

    /// <summary>Lookups per key family since start, for the health page's hit rates.</summary>
    public Caching.CacheLookupTally CacheLookups { get; } = new();

    private UpDownCounter<long>? _circuits;

    /// <summary>Open Blazor circuits (dashboards in browsers) on this instance.</summary>
    public void CircuitOpened(int delta)
    {
        _circuits ??= _meter.CreateUpDownCounter<long>("dashboard.circuits.active", description: "Open Blazor circuits on this instance");
        _circuits.Add(delta);
    }

    /// <summary>Redis' own figures from INFO, read by <see cref="Caching.RedisInfoCollector"/>.</summary>
    public void ObserveRedisInfo(Func<Caching.RedisInfo?> info)
    {
        _meter.CreateObservableGauge("dashboard.redis.used_memory", () => info()?.UsedMemoryBytes ?? 0, "By", "Memory Redis uses");
        _meter.CreateObservableGauge("dashboard.redis.keys", () => info()?.Keys ?? 0, description: "Keys in the dashboard's Redis database");
        _meter.CreateObservableGauge("dashboard.redis.keyspace_hits", () => info()?.KeyspaceHits ?? 0, description: "Redis keyspace hits since it started");
        _meter.CreateObservableGauge("dashboard.redis.keyspace_misses", () => info()?.KeyspaceMisses ?? 0, description: "Redis keyspace misses since it started");
        _meter.CreateObservableGauge("dashboard.redis.evicted_keys", () => info()?.EvictedKeys ?? 0, description: "Keys Redis evicted since it started");
    }

    public void RecordCacheLookup(string keyFamily, string result)
    {
        _cacheLookups.Add(1, new TagList { { "family", keyFamily }, { "result", result } });
        CacheLookups.Record(keyFamily, result);
    }

    public void Dispose() => _meter.Dispose();
}
