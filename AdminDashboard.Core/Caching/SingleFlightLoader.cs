using System.Collections.Concurrent;

namespace AdminDashboard.Core.Caching;

/// <summary>
/// Cache-aside with one load per key and generation at a time in this process: concurrent misses on a cold key
/// share one load instead of each fanning out to the services. The load's result is written only if no
/// invalidation of the key's family happened since the load started.
/// </summary>
public sealed class SingleFlightLoader(IDashboardCache cache, CacheLookups lookups)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _inFlight = new(StringComparer.Ordinal);

    public async Task<(T Value, bool FromCache)> GetOrLoadAsync<T>(
        string key, Func<Task<(T Value, TimeSpan Ttl)>> load, CancellationToken cancellationToken, bool bypassCache = false,
        Func<T, bool>? isUsable = null) where T : class
    {
        var family = CacheKeys.FamilyOf(key);
        if (!bypassCache)
        {
            var cached = await cache.GetAsync<T>(key, cancellationToken);
            // A value written by someone else (another version, the seed's own shape) that lacks what we need is a miss.
            if (cached is not null && (isUsable?.Invoke(cached) ?? true))
            {
                lookups.Record(family, CacheLookupResult.Hit);
                return (cached, true);
            }
        }
        lookups.Record(family, bypassCache ? CacheLookupResult.Refresh : CacheLookupResult.Miss);

        // Read after the miss, before the load: an invalidation from here on makes the write a no-op,
        // and requests after an invalidation start a new flight instead of joining an older one.
        var generation = await cache.GetGenerationAsync(family, cancellationToken);
        var flightKey = $"{key}#{generation}";
        var flight = _inFlight.GetOrAdd(flightKey, _ => new Lazy<Task<object>>(() =>
            LoadAndStoreAsync(flightKey, key, generation, load, bypassCache ? null : isUsable ?? (_ => true))));
        // The load itself is not tied to this caller: one caller giving up must not cancel it for the others.
        var value = await flight.Value.WaitAsync(cancellationToken);
        return ((T)value, false);
    }

    private async Task<object> LoadAndStoreAsync<T>(string flightKey, string key, long generation, Func<Task<(T Value, TimeSpan Ttl)>> load,
        Func<T, bool>? recheck) where T : class
    {
        try
        {
            // A caller that missed just before the previous flight stored its value arrives here after that flight
            // has ended: look once more instead of fanning out a second time.
            if (recheck is not null && await cache.GetAsync<T>(key, CancellationToken.None) is { } stored && recheck(stored))
                return stored;
            var (value, ttl) = await load();
            await cache.SetIfGenerationAsync(key, value, ttl, generation, CancellationToken.None);
            return value;
        }
        finally
        {
            _inFlight.TryRemove(flightKey, out _);
        }
    }
}
