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
        _cacheLookups = _meter.CreateCounter<long>("dashboard.cache.lookups", description: "Cache lookups by key family and result (hit, miss, error)");
    }

    public void RecordUpstreamCall(UpstreamService service, SourceStatus status, long elapsedMs)
    {
        var tags = new TagList { { "service", service.WireName() }, { "status", status.ToString().ToLowerInvariant() } };
        _upstreamCalls.Add(1, tags);
        _upstreamLatency.Record(elapsedMs, tags);
    }

    /// <summary>1 while the shared Redis cache answers, 0 while the in-process fallback stands in.</summary>
    public void ObserveRedisAvailability(Func<bool> available) =>
        _meter.CreateObservableGauge("dashboard.cache.redis.available", () => available() ? 1 : 0,
            description: "1 when the Redis cache is in use, 0 while the in-process fallback serves");

    public void RecordCacheLookup(string keyFamily, string result) =>
        _cacheLookups.Add(1, new TagList { { "family", keyFamily }, { "result", result } });

    public void Dispose() => _meter.Dispose();
}
