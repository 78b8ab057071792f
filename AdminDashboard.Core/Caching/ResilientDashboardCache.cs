using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using AdminDashboard.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace AdminDashboard.Core.Caching;

/// <summary>
/// Redis first, the in-process cache when Redis fails: each Redis call has a short timeout, a circuit breaker
/// stops calling a dead Redis, and the change of state is logged once (not once per request). Values are also
/// written to the in-process layer so that an outage still has recent figures to serve; invalidations that could
/// not reach Redis are replayed when it is back.
/// </summary>
public sealed class ResilientDashboardCache : IDashboardCache
{
    private readonly RedisDashboardCache _redis;
    private readonly MemoryDashboardCache _memory;
    private readonly CacheLookups _lookups;
    private readonly ILogger<ResilientDashboardCache> _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly ConcurrentQueue<string> _pendingInvalidations = new();
    private volatile bool _available = true;
    private long _fallbacks;

    public ResilientDashboardCache(RedisDashboardCache redis, MemoryDashboardCache memory, IOptions<CacheOptions> options,
        DashboardMetrics metrics, CacheLookups lookups, ILogger<ResilientDashboardCache> logger)
    {
        _redis = redis;
        _memory = memory;
        _lookups = lookups;
        _logger = logger;
        var o = options.Value.Redis;
        _pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 3,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(o.BreakSeconds),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsRedisFailure),
                // The breaker re-opens after each failed trial; only the first opening is news.
                OnOpened = args =>
                {
                    if (_available)
                    {
                        _available = false;
                        _logger.LogWarning(args.Outcome.Exception,
                            "Redis cache unavailable: serving from the in-process cache, trying Redis again every {BreakSeconds} s", o.BreakSeconds);
                    }
                    return ValueTask.CompletedTask;
                },
                OnClosed = args =>
                {
                    if (!_available)
                    {
                        _available = true;
                        _logger.LogInformation("Redis cache is back: shared cache in use again");
                    }
                    _ = Task.Run(ReplayPendingInvalidationsAsync);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(TimeSpan.FromMilliseconds(o.OperationTimeoutMs))
            .Build();
        metrics.ObserveRedisAvailability(() => _available);
    }

    /// <summary>False from the moment the breaker opens until Redis answers again.</summary>
    public bool RedisAvailable => _available;

    /// <summary>How many calls the in-process fallback answered instead of Redis: a value read or written then is not shared.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    private static bool IsRedisFailure(Exception e) =>
        e is RedisException or TimeoutRejectedException or TimeoutException or SocketException or BrokenCircuitException;

    private async ValueTask<(bool Ok, T Value)> TryRedisAsync<T>(string key, Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return (true, await _pipeline.ExecuteAsync(call, cancellationToken));
        }
        catch (Exception e) when (IsRedisFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _fallbacks);
            _lookups.Record(CacheKeys.FamilyOf(key), CacheLookupResult.Error);
            return (false, default!);
        }
    }

    public async ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class
    {
        try
        {
            var (ok, value) = await TryRedisAsync(key, ct => _redis.GetAsync<T>(key, ct), cancellationToken);
            return ok ? value : await _memory.GetAsync<T>(key, cancellationToken);
        }
        catch (JsonException e)
        {
            // A value another version wrote, or garbage: a miss, not an error page.
            _logger.LogWarning(e, "Unreadable cache value under {Key}; treating it as a miss", key);
            return null;
        }
    }

    public async ValueTask SetAsync<T>(string key, T value, TimeSpan ttl, CancellationToken cancellationToken) where T : class
    {
        await _memory.SetAsync(key, value, ttl, cancellationToken);
        await TryRedisAsync(key, async ct => { await _redis.SetAsync(key, value, ttl, ct); return true; }, cancellationToken);
    }

    public async ValueTask<bool> SetIfGenerationAsync<T>(string key, T value, TimeSpan ttl, long generation, CancellationToken cancellationToken) where T : class
    {
        var (ok, written) = await TryRedisAsync(key, ct => _redis.SetIfGenerationAsync(key, value, ttl, generation, ct), cancellationToken);
        if (!ok) return await _memory.SetIfGenerationAsync(key, value, ttl, generation, cancellationToken);
        // Redis checked the generation; keep the in-process copy for an outage.
        if (written) await _memory.SetAsync(key, value, ttl, cancellationToken);
        return written;
    }

    public async ValueTask<StoredJson?> GetJsonAsync(string key, CancellationToken cancellationToken)
    {
        var (ok, value) = await TryRedisAsync(key, ct => _redis.GetJsonAsync(key, ct), cancellationToken);
        return ok ? value : await _memory.GetJsonAsync(key, cancellationToken);
    }

    public async ValueTask<bool> SetJsonIfGenerationAsync(string key, byte[] json, TimeSpan ttl, long generation, CancellationToken cancellationToken)
    {
        var (ok, written) = await TryRedisAsync(key, ct => _redis.SetJsonIfGenerationAsync(key, json, ttl, generation, ct), cancellationToken);
        if (!ok) return await _memory.SetJsonIfGenerationAsync(key, json, ttl, generation, cancellationToken);
        if (written) await _memory.SetAsync(key, json, ttl, cancellationToken);
        return written;
    }

    public async ValueTask<long> GetGenerationAsync(string family, CancellationToken cancellationToken)
    {
        var (ok, generation) = await TryRedisAsync(family, ct => _redis.GetGenerationAsync(family, ct), cancellationToken);
        return ok ? generation : await _memory.GetGenerationAsync(family, cancellationToken);
    }

    public async ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken)
    {
        var inMemory = await _memory.RemoveAsync(key, cancellationToken);
        var (ok, removed) = await TryRedisAsync(key, ct => _redis.RemoveAsync(key, ct), cancellationToken);
        if (!ok) Defer(key);
        return ok ? removed : inMemory;
    }

    public async ValueTask<long> RemoveByPatternAsync(string pattern, CancellationToken cancellationToken)
    {
        var inMemory = await _memory.RemoveByPatternAsync(pattern, cancellationToken);
        // A SCAN over many keys takes longer than one call's timeout: it runs outside the pipeline, still guarded.
        if (!_available)
        {
            Defer(pattern);
            return inMemory;
        }
        try
        {
            return await _redis.RemoveByPatternAsync(pattern, cancellationToken);
        }
        catch (Exception e) when (IsRedisFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            _lookups.Record(CacheKeys.FamilyOf(pattern), CacheLookupResult.Error);
            Defer(pattern);
            return inMemory;
        }
    }

    private void Defer(string keyOrPattern)
    {
        // Bounded: after an hour-long outage the TTLs have long since done the job.
        if (_pendingInvalidations.Count < 10_000) _pendingInvalidations.Enqueue(keyOrPattern);
    }

    private async Task ReplayPendingInvalidationsAsync()
    {
        var replayed = 0;
        while (_pendingInvalidations.TryDequeue(out var item))
        {
            try
            {
                if (item.Contains('*') || item.Contains('?')) await _redis.RemoveByPatternAsync(item, CancellationToken.None);
                else await _redis.RemoveAsync(item, CancellationToken.None);
                replayed++;
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                _pendingInvalidations.Enqueue(item);
                return;
            }
        }
        if (replayed > 0) _logger.LogInformation("Replayed {Count} cache invalidations that happened while Redis was down", replayed);
    }
}
