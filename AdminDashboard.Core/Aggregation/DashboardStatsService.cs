using System.Diagnostics;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Hospital;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Aggregation;

/// <summary>
/// The stats the API and the page both show: cached under <c>admin:stats:v1</c>, fanned out on a miss, a failed
/// service's section replaced by its last-known-good one marked stale. A complete aggregate is kept for the full
/// TTL, a partial one only briefly, so a service that recovers shows up within seconds.
/// </summary>
public sealed class DashboardStatsService(
    IServiceProvider services, SingleFlightLoader loader, LastKnownGoodStore lastKnownGood, IOptions<AggregationOptions> options, HospitalTime hospital, TimeProvider time)
{
    /// <param name="refresh">Fetch from the services now (and update the cache) instead of reading the cache: an admin's "Refresh".</param>
    public async Task<ApiEnvelope<DashboardStats>> GetStatsAsync(CancellationToken cancellationToken, bool refresh = false)
    {
        var started = Stopwatch.GetTimestamp();
        var (envelope, fromCache) = await loader.GetOrLoadAsync(CacheKeys.Stats, LoadAsync, cancellationToken, bypassCache: refresh,
            isUsable: e => e.Data?.TimeZone == hospital.ZoneId && e.Sources is not null && e.Warnings is not null);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return envelope with { Data = envelope.Data! with { ResponseTime = elapsed, FromCache = fromCache } };
    }

    private async Task<(ApiEnvelope<DashboardStats>, TimeSpan)> LoadAsync()
    {
        var started = Stopwatch.GetTimestamp();
        // Typed HTTP clients are transient: resolve them per fan-out so handler rotation keeps working.
        var aggregator = services.GetRequiredService<DashboardAggregator>();
        var fanOut = await lastKnownGood.ApplyAsync(await aggregator.FanOutAsync(CancellationToken.None), CancellationToken.None);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var envelope = DashboardAggregator.BuildEnvelope(fanOut, time.GetUtcNow(), hospital.ZoneId, elapsed, fromCache: false);
        var o = options.Value;
        var ttl = TimeSpan.FromSeconds(envelope.Partial ? o.PartialStatsTtlSeconds : o.StatsTtlSeconds);
        return (envelope, ttl);
    }
}
