using System.Diagnostics;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Hospital;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Stats;

/// <summary>
/// The stats the API and the page both show: cached under <c>admin:stats:v1</c>, fanned out on a miss, a failed
/// service's section replaced by its last-known-good one marked stale (see <see cref="EnvelopeLoader"/>).
/// </summary>
public sealed class DashboardStatsService(
    IServiceProvider services, EnvelopeLoader loader, IOptions<AggregationOptions> options, HospitalTime hospital, TimeProvider time)
{
    /// <param name="refresh">Fetch from the services now (and update the cache) instead of reading the cache: an admin's "Refresh".</param>
    public async Task<ApiEnvelope<DashboardStats>> GetStatsAsync(CancellationToken cancellationToken, bool refresh = false)
    {
        var started = Stopwatch.GetTimestamp();
        var (envelope, fromCache) = await loader.GetAsync(CacheKeys.Stats, TimeSpan.FromSeconds(options.Value.StatsTtlSeconds), BuildAsync,
            isUsable: e => e.Data?.TimeZone == hospital.ZoneId && e.Sources is not null && e.Warnings is not null, cancellationToken, refresh);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return envelope with { Data = envelope.Data! with { ResponseTime = elapsed, FromCache = fromCache } };
    }

    private async Task<ApiEnvelope<DashboardStats>> BuildAsync()
    {
        var started = Stopwatch.GetTimestamp();
        // Typed HTTP clients are transient: resolve them per fan-out so handler rotation keeps working.
        var aggregator = services.GetRequiredService<DashboardAggregator>();
        var fanOut = await loader.WithLastKnownGoodAsync(await aggregator.FanOutAsync(CancellationToken.None), CancellationToken.None);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return StatsEnvelope.Build(fanOut, time.GetUtcNow(), hospital.ZoneId, elapsed, fromCache: false);
    }
}
