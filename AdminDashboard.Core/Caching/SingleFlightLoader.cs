using System.Collections.Concurrent;
using System.Text.Json;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Core.Caching;

/// <summary>
/// Cache-aside over two levels with one load per key and generation at a time in this process: the in-process
/// <see cref="FirstLevelCache"/> first, then the shared cache (its JSON, read once into the first level), then the
/// services. Concurrent misses on a cold key share one load instead of each fanning out. The load's result is
/// written only if no invalidation of the key's family happened since the load started. Values are kept as the
/// UTF-8 JSON written to the shared cache (<see cref="CacheEntry"/>), so a hit needs no serializing.
/// </summary>
public sealed class SingleFlightLoader(FirstLevelCache cache, CacheLookups lookups)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CacheEntry>>> _inFlight = new(StringComparer.Ordinal);

    public async Task<(T Value, bool FromCache)> GetOrLoadAsync<T>(
        string key, Func<Task<(T Value, TimeSpan Ttl)>> load, CancellationToken cancellationToken, bool bypassCache = false,
        Func<T, bool>? isUsable = null) where T : class
    {
        var (entry, fromCache) = await GetEntryAsync(key, load, cancellationToken, bypassCache, isUsable);
        return ((T)entry.Value, fromCache);
    }

    /// <summary>
    /// A usable first-level entry, counted as a hit; null when it must be read from the shared cache or loaded. Builds
    /// nothing, so a caller can try it before making the load it would otherwise hand over.
    /// </summary>
    public CacheEntry? TryGetHit<T>(string key, Func<T, bool>? isUsable = null) where T : class
    {
        if (cache.TryGet(key) is not { Value: T value } entry || (isUsable is not null && !isUsable(value))) return null;
        lookups.Record(CacheKeys.FamilyOf(key), CacheLookupResult.Hit);
        return entry;
    }

    /// <summary>The same, answering the cached entry itself: its JSON for the API, its value for the pages.</summary>
    public async Task<(CacheEntry Entry, bool FromCache)> GetEntryAsync<T>(
        string key, Func<Task<(T Value, TimeSpan Ttl)>> load, CancellationToken cancellationToken, bool bypassCache = false,
        Func<T, bool>? isUsable = null) where T : class
    {
        var family = CacheKeys.FamilyOf(key);
        var usable = isUsable ?? (static _ => true);
        if (!bypassCache)
        {
            if (TryGetHit(key, usable) is { } hit) return (hit, true);
            // A value written by someone else (another version, the seed's own shape) that lacks what we need is a miss.
            if (await ReadSecondLevelAsync(key, load, usable, cancellationToken) is { } stored)
            {
                lookups.Record(family, CacheLookupResult.Hit);
                return (stored, true);
            }
        }
        lookups.Record(family, bypassCache ? CacheLookupResult.Refresh : CacheLookupResult.Miss);

        // Read after the miss, before the load: an invalidation from here on makes the write a no-op,
        // and requests after an invalidation start a new flight instead of joining an older one.
        var generation = await cache.GetGenerationAsync(family, cancellationToken);
        var flightKey = $"{key}#{generation}";
        var flight = _inFlight.GetOrAdd(flightKey, _ => new Lazy<Task<CacheEntry>>(() =>
            LoadAndStoreAsync(flightKey, key, generation, load, bypassCache ? null : usable)));
        // The load itself is not tied to this caller: one caller giving up must not cancel it for the others.
        return (await flight.Value.WaitAsync(cancellationToken), false);
    }

    private async Task<CacheEntry?> ReadSecondLevelAsync<T>(string key, Func<Task<(T Value, TimeSpan Ttl)>> load, Func<T, bool> usable,
        CancellationToken cancellationToken) where T : class
    {
        var (found, shared) = await cache.ReadSecondLevelAsync(key, cancellationToken);
        if (found is not { } stored) return null;
        T? value;
        try { value = JsonSerializer.Deserialize<T>(stored.Json, UpstreamJson.Options); }
        catch (JsonException) { return null; }
        return value is not null && usable(value) ? cache.Admit(key, stored.Json, value, stored.TimeToLive, Reloader(key, load), shared) : null;
    }

    private async Task<CacheEntry> LoadAndStoreAsync<T>(string flightKey, string key, long generation, Func<Task<(T Value, TimeSpan Ttl)>> load,
        Func<T, bool>? recheck) where T : class
    {
        try
        {
            // A caller that missed just before the previous flight stored its value arrives here after that flight
            // has ended: look once more instead of fanning out a second time.
            if (recheck is not null && (cache.TryGet(key) is { Value: T v } e && recheck(v) ? e : await ReadSecondLevelAsync(key, load, recheck, CancellationToken.None)) is { } stored)
                return stored;
            var (value, ttl) = await load();
            var json = JsonSerializer.SerializeToUtf8Bytes(value, UpstreamJson.Options);
            var (written, shared) = await cache.WriteSecondLevelAsync(key, json, ttl, generation);
            // Not written: an invalidation happened during the load, so this value may predate it; it answers its callers only.
            return written
                ? cache.Admit(key, json, value, ttl, Reloader(key, load), shared)
                : new CacheEntry(json, value, DateTimeOffset.MinValue, DateTimeOffset.MinValue);
        }
        finally
        {
            _inFlight.TryRemove(flightKey, out _);
        }
    }

    /// <summary>How an event's background refresh reloads <paramref name="key"/>: the same load, written to the shared cache under the generation read first.</summary>
    private Func<Task<LoadedEntry>> Reloader<T>(string key, Func<Task<(T Value, TimeSpan Ttl)>> load) where T : class => async () =>
    {
        var generation = await cache.GetGenerationAsync(CacheKeys.FamilyOf(key), CancellationToken.None);
        var (value, ttl) = await load();
        var json = JsonSerializer.SerializeToUtf8Bytes(value, UpstreamJson.Options);
        var (_, shared) = await cache.WriteSecondLevelAsync(key, json, ttl, generation);
        return new LoadedEntry(json, value, ttl, shared);
    };
}
