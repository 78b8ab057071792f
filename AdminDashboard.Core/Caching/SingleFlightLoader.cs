using System.Collections.Concurrent;
using AdminDashboard.Core.Aggregation;

namespace AdminDashboard.Core.Caching;

/// <summary>
/// Cache-aside with one load per key at a time in this process: concurrent misses on a cold key share one load
/// instead of each fanning out to the services.
/// </summary>
public sealed class SingleFlightLoader(IDashboardCache cache, DashboardMetrics metrics)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _inFlight = new(StringComparer.Ordinal);

    public async Task<(T Value, bool FromCache)> GetOrLoadAsync<T>(
        string key, Func<Task<(T Value, TimeSpan Ttl)>> load, CancellationToken cancellationToken) where T : class
    {
        var family = CacheKeys.FamilyOf(key);
        var cached = await cache.GetAsync<T>(key, cancellationToken);
        if (cached is not null)
        {
            metrics.RecordCacheLookup(family, "hit");
            return (cached, true);
        }
        metrics.RecordCacheLookup(family, "miss");

        var flight = _inFlight.GetOrAdd(key, _ => new Lazy<Task<object>>(() => LoadAndStoreAsync(key, load)));
        // The load itself is not tied to this caller: one caller giving up must not cancel it for the others.
        var value = await flight.Value.WaitAsync(cancellationToken);
        return ((T)value, false);
    }

    private async Task<object> LoadAndStoreAsync<T>(string key, Func<Task<(T Value, TimeSpan Ttl)>> load) where T : class
    {
        try
        {
            var (value, ttl) = await load();
            await cache.SetAsync(key, value, ttl, CancellationToken.None);
            return value;
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }
}
