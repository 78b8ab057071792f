using System.Diagnostics;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Upstream;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Health;

public enum ServiceState { Up, Degraded, Down, Unknown }

public sealed record ServiceProbe(string Service, bool Reachable, long LatencyMs, string? Error);

public sealed record ServiceHealth(string Service, string DisplayName, ServiceState State, string Explanation, ServiceProbe? Probe, UpstreamCallSummary RecentCalls);

/// <param name="Families">Per key family: lookups since start, hit rate, and the seed's target range (ratios; null without one).</param>
public sealed record CacheHealth(string Provider, bool? RedisAvailable, long Hits, long Misses, long Errors, double? HitRate, IReadOnlyList<CacheFamilyLookups> Families);

public sealed record EventStreamHealth(string Provider, bool Live, string? Reason, DateTimeOffset Since, long? ConsumerLag, bool? PartitionsAssigned);

public sealed record SystemHealthReport(IReadOnlyList<ServiceHealth> Services, CacheHealth Cache, EventStreamHealth Events, DateTimeOffset AsOf);

/// <summary>
/// What the system health page and <c>/v1/admin/system/health</c> show: a probe of each service's /health
/// (cached 10 s under <c>admin:system:health</c>, shared by instances), this instance's recent calls to each
/// service, cache hit rate (overall and per key family, beside the seed's targets) and Redis state, and the event stream's state and lag.
/// </summary>
public sealed class SystemHealthService(
    IServiceProvider services, SingleFlightLoader loader, UpstreamHealthTracker tracker, CacheLookups lookups,
    LiveUpdates hub, IOptions<CacheOptions> cache, IOptions<EventsOptions> events, IOptions<AggregationOptions> aggregation, TimeProvider time)
{
    public async Task<SystemHealthReport> GetAsync(CancellationToken cancellationToken)
    {
        var (probes, _) = await loader.GetOrLoadAsync(CacheKeys.SystemHealth, async () =>
            ((IReadOnlyList<ServiceProbe>)await Task.WhenAll(UpstreamServiceNames.All.Select(ProbeAsync)), CacheKeys.TtlOf(CacheKeys.SystemHealth)),
            cancellationToken, isUsable: p => p.Count == UpstreamServiceNames.All.Count);
        var serviceHealth = UpstreamServiceNames.All.Select(s =>
        {
            var probe = probes.FirstOrDefault(p => p.Service == s.WireName());
            var recent = tracker.Summarize(s);
            var (state, why) = Classify(probe, recent);
            return new ServiceHealth(s.WireName(), s.DisplayName(), state, why, probe, recent);
        }).ToList();

        // One snapshot, so the overall figures are the sums of the rows beside them.
        var families = lookups.Tally.Snapshot();
        var (hits, misses, errors) = (families.Sum(f => f.Hits), families.Sum(f => f.Misses), families.Sum(f => f.Errors));
        var resilient = cache.Value.Provider == CacheProvider.Redis ? services.GetService<ResilientDashboardCache>() : null;
        var cacheHealth = new CacheHealth(cache.Value.Provider.ToString(), resilient?.RedisAvailable, hits, misses, errors,
            CacheLookupTally.HitRate(hits, misses), families);

        var consumer = events.Value.Provider == EventsProvider.Kafka ? services.GetService<KafkaEventConsumer>() : null;
        var status = hub.Status;
        var eventHealth = new EventStreamHealth(events.Value.Provider.ToString(), status.IsLive, status.Reason, status.Since, consumer?.Lag, consumer?.IsAssigned);
        return new SystemHealthReport(serviceHealth, cacheHealth, eventHealth, time.GetUtcNow());
    }

    private (ServiceState, string) Classify(ServiceProbe? probe, UpstreamCallSummary recent)
    {
        var deadlineMs = aggregation.Value.DeadlineMs;
        if (probe is { Reachable: false }) return (ServiceState.Down, SourceWording.NotReachable(probe.Error));
        if (recent.LastCallFailed) return (ServiceState.Down, SourceWording.LastCallFailed(recent.LastError));
        if (recent.FailingOften) return (ServiceState.Degraded, SourceWording.FailingOften(recent.ErrorRate!.Value, recent.Calls));
        if (recent.IsSlow(deadlineMs)) return (ServiceState.Degraded, SourceWording.Slow(recent.P95Ms!.Value, deadlineMs));
        if (probe is null && recent.Calls == 0) return (ServiceState.Unknown, SourceWording.NotCalledYet);
        return (ServiceState.Up, SourceWording.Answering);
    }

    private async Task<ServiceProbe> ProbeAsync(UpstreamService service)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var deadline = new CancellationTokenSource(aggregation.Value.Deadline);
            var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(UpstreamServiceCollectionExtensions.ProbeClientName);
            var url = services.GetRequiredService<IOptions<UpstreamOptions>>().Value.For(service).BaseUrl!;
            using var response = await client.GetAsync(new Uri(url, "/health"), deadline.Token);
            var ms = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return response.IsSuccessStatusCode
                ? new ServiceProbe(service.WireName(), true, ms, null)
                : new ServiceProbe(service.WireName(), false, ms, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return new ServiceProbe(service.WireName(), false, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                e is OperationCanceledException ? "no answer in time" : "connection failed");
        }
    }
}
