using System.Buffers;
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
        var answer = await GetStatsJsonAsync(cancellationToken, refresh);
        var envelope = (ApiEnvelope<DashboardStats>)answer.Entry.Value;
        return envelope with { Data = envelope.Data! with { ResponseTime = answer.ResponseTimeMs, FromCache = answer.FromCache } };
    }

    /// <summary>
    /// The same answer as the JSON the cache holds, for the API to write as it is (see <see cref="StatsJson"/>):
    /// no object is built or serialized for a hit.
    /// </summary>
    public async Task<StatsJson> GetStatsJsonAsync(CancellationToken cancellationToken, bool refresh = false)
    {
        var started = Stopwatch.GetTimestamp();
        var (entry, fromCache) = await loader.GetEntryAsync(CacheKeys.Stats, TimeSpan.FromSeconds(options.Value.StatsTtlSeconds), _build ??= BuildAsync,
            isUsable: _isUsable ??= e => e.Data?.TimeZone == hospital.ZoneId && e.Sources is not null && e.Warnings is not null, cancellationToken, refresh);
        return new StatsJson(entry, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, fromCache);
    }

    private Func<ApiEnvelope<DashboardStats>, bool>? _isUsable;
    // Made once: a method group is a new delegate each time it is passed.
    private Func<Task<ApiEnvelope<DashboardStats>>>? _build;

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

/// <summary>
/// A stats answer as bytes: the cached envelope's JSON with this request's <c>data.responseTime</c> and
/// <c>data.fromCache</c> written in place of the stored ones (<see cref="JsonSplice"/>). Same fields, same order.
/// </summary>
public readonly record struct StatsJson(CacheEntry Entry, long ResponseTimeMs, bool FromCache)
{
    private static ReadOnlySpan<byte> True => "true"u8;
    private static ReadOnlySpan<byte> False => "false"u8;

    /// <summary>The answer's length in bytes, for Content-Length.</summary>
    public int Length
    {
        get
        {
            var s = Entry.Splice;
            return Entry.Json.Length - (s.ResponseTimeEnd - s.ResponseTimeStart) - (s.FromCacheEnd - s.FromCacheStart)
                + DigitsOf(ResponseTimeMs) + (FromCache ? True.Length : False.Length);
        }
    }

    /// <summary>Writes the answer: the stored bytes around the two spliced values.</summary>
    public void WriteTo(System.Buffers.IBufferWriter<byte> writer)
    {
        var json = Entry.Json.AsSpan();
        var s = Entry.Splice;
        writer.Write(json[..s.ResponseTimeStart]);
        var digits = writer.GetSpan(20);
        System.Buffers.Text.Utf8Formatter.TryFormat(ResponseTimeMs, digits, out var written);
        writer.Advance(written);
        writer.Write(json[s.ResponseTimeEnd..s.FromCacheStart]);
        writer.Write(FromCache ? True : False);
        writer.Write(json[s.FromCacheEnd..]);
    }

    private static int DigitsOf(long value) => value < 0 ? 1 + DigitsOf(-value) : value < 10 ? 1 : 1 + DigitsOf(value / 10);
}
