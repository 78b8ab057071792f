using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AdminDashboard.Core.Caching;

/// <summary>A value just loaded from the services, as it was written to the second level (<paramref name="Shared"/>: to Redis, not its fallback).</summary>
public sealed record LoadedEntry(byte[] Json, object Value, TimeSpan TimeToLive, bool Shared);

/// <summary>
/// The in-process first level in front of <see cref="IDashboardCache"/> (Redis, or the in-process cache of embedded
/// mode): a hit costs no round trip and no parse. It is kept coherent by the events, which every instance consumes:
/// <see cref="MarkStaleAsync"/> invalidates the second level as before, marks the entries it touches stale, and
/// refreshes them in the background; readers keep getting the last complete value and never wait on a refresh.
/// An entry never outlives its Redis entry (its lifetime is the TTL Redis reported or was given), and while the
/// event feed is not live (<see cref="ICacheInvalidationFeed"/>) it lives at most <see cref="UnwatchedLifetime"/>; so does
/// an entry read from or written to the in-process fallback while Redis was down (it has no Redis entry to follow).
/// </summary>
/// <remarks>
/// Everything else is passed through to the second level; <see cref="RemoveAsync"/> and
/// <see cref="RemoveByPatternAsync"/> (an explicit delete, not an event) drop the first-level entries too.
/// </remarks>
public sealed class FirstLevelCache(IDashboardCache inner, ICacheInvalidationFeed feed, TimeProvider time, ILogger<FirstLevelCache> logger)
    : IDashboardCache
{
    /// <summary>How long an entry is trusted while this instance may be missing events.</summary>
    public static readonly TimeSpan UnwatchedLifetime = TimeSpan.FromSeconds(3);

    private sealed class Slot
    {
        public volatile CacheEntry? Entry;
        public Func<Task<LoadedEntry>>? Reload;
        public int Requested;
        public int Running;
    }

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Raised with the key after a background refresh replaced a stale entry (or gave up on it).</summary>
    public event Action<string>? Refreshed;

    /// <summary>The second level, for callers that must not touch the first (tests, tools).</summary>
    public IDashboardCache Inner => inner;

    /// <summary>The entry under <paramref name="key"/> while it may be served (stale ones included), else null.</summary>
    public CacheEntry? TryGet(string key)
    {
        if (!_slots.TryGetValue(key, out var slot) || slot.Entry is not { } entry) return null;
        var now = time.GetUtcNow();
        if (entry.ExpiresAt > now && ((feed.IsLive && entry.Shared) || entry.AdmittedAt + UnwatchedLifetime > now)) return entry;
        // Expired: forgotten unless a refresh is already replacing it.
        if (Volatile.Read(ref slot.Running) == 0) Interlocked.CompareExchange(ref slot.Entry, null, entry);
        return null;
    }

    /// <summary>Keeps <paramref name="json"/> for as long as its second-level entry lives; <paramref name="reload"/> is how an event refreshes it.</summary>
    public CacheEntry Admit(string key, byte[] json, object value, TimeSpan timeToLive, Func<Task<LoadedEntry>> reload, bool shared = true)
    {
        var now = time.GetUtcNow();
        var entry = new CacheEntry(json, value, now, now + timeToLive) { Shared = shared };
        var slot = _slots.GetOrAdd(key, static _ => new Slot());
        slot.Reload = reload;
        slot.Entry = entry;
        return entry;
    }

    /// <summary>
    /// What an event does to <paramref name="keyOrPattern"/>: the second level is invalidated as before (generation
    /// bumped, key deleted), and each first-level entry it covers is marked stale and refreshed in the background.
    /// </summary>
    public async Task MarkStaleAsync(string keyOrPattern, CancellationToken cancellationToken)
    {
        var pattern = IsPattern(keyOrPattern);
        // Marked before the delete: Redis' notification of that delete (RedisKeyspaceWatcher) must find it stale, not drop it.
        var stale = new List<KeyValuePair<string, Slot>>();
        foreach (var (key, slot) in Matching(keyOrPattern, pattern))
        {
            if (TryGet(key) is { } entry && slot.Reload is not null)
            {
                entry.MarkStale();
                stale.Add(new(key, slot));
            }
            else slot.Entry = null;
        }
        try
        {
            if (pattern) await inner.RemoveByPatternAsync(keyOrPattern, cancellationToken);
            else await inner.RemoveAsync(keyOrPattern, cancellationToken);
        }
        finally
        {
            // Refreshed after the generation moved, so that the refresh's write is accepted; refreshed even if the
            // second level failed, so that no entry stays stale until it expires.
            foreach (var (key, slot) in stale) RequestRefresh(key, slot);
        }
    }

    /// <summary>
    /// The second level lost <paramref name="key"/> behind our back (a delete by hand, an eviction): forget it here
    /// too, unless it is stale and its refresh already on the way (an event's own delete arrives that way).
    /// </summary>
    public void Forget(string key)
    {
        if (_slots.TryGetValue(key, out var slot) && slot.Entry is { IsStale: false } entry
            && Interlocked.CompareExchange(ref slot.Entry, null, entry) == entry)
            Forgotten?.Invoke(key);
    }

    /// <summary>Raised with the key after <see cref="Forget"/> dropped an entry.</summary>
    public event Action<string>? Forgotten;

    /// <summary>Leading edge: a refresh starts at once; events during it fold into one more after it.</summary>
    private void RequestRefresh(string key, Slot slot)
    {
        Volatile.Write(ref slot.Requested, 1);
        if (Interlocked.CompareExchange(ref slot.Running, 1, 0) == 0)
            _ = Task.Run(() => RefreshAsync(key, slot));
    }

    private async Task RefreshAsync(string key, Slot slot)
    {
        while (true)
        {
            while (Interlocked.Exchange(ref slot.Requested, 0) == 1)
            {
                try
                {
                    var loaded = await slot.Reload!();
                    var now = time.GetUtcNow();
                    var entry = new CacheEntry(loaded.Json, loaded.Value, now, now + loaded.TimeToLive) { Shared = loaded.Shared };
                    // Another event arrived while this load ran: newer than what was served, still not the newest.
                    if (Volatile.Read(ref slot.Requested) == 1) entry.MarkStale();
                    slot.Entry = loaded.TimeToLive > TimeSpan.Zero ? entry : null;
                }
                catch (Exception e)
                {
                    // A refresh that fails must not leave old figures served: the next reader loads (and waits).
                    logger.LogWarning(e, "Refreshing {Key} after an event failed; dropping it from the first level", key);
                    slot.Entry = null;
                }
                Refreshed?.Invoke(key);
            }
            Volatile.Write(ref slot.Running, 0);
            if (Volatile.Read(ref slot.Requested) == 0 || Interlocked.CompareExchange(ref slot.Running, 1, 0) != 0) return;
        }
    }

    private IEnumerable<KeyValuePair<string, Slot>> Matching(string keyOrPattern, bool pattern) =>
        pattern ? _slots.Where(kv => GlobPattern.IsMatch(keyOrPattern, kv.Key))
            : _slots.TryGetValue(keyOrPattern, out var slot) ? [new(keyOrPattern, slot)] : [];

    private static bool IsPattern(string keyOrPattern) => keyOrPattern.Contains('*') || keyOrPattern.Contains('?');

    private void Drop(string keyOrPattern)
    {
        foreach (var (_, slot) in Matching(keyOrPattern, IsPattern(keyOrPattern))) slot.Entry = null;
    }

    public ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class => inner.GetAsync<T>(key, cancellationToken);

    public ValueTask SetAsync<T>(string key, T value, TimeSpan ttl, CancellationToken cancellationToken) where T : class =>
        inner.SetAsync(key, value, ttl, cancellationToken);

    public ValueTask<bool> SetIfGenerationAsync<T>(string key, T value, TimeSpan ttl, long generation, CancellationToken cancellationToken) where T : class =>
        inner.SetIfGenerationAsync(key, value, ttl, generation, cancellationToken);

    public ValueTask<StoredJson?> GetJsonAsync(string key, CancellationToken cancellationToken) => inner.GetJsonAsync(key, cancellationToken);

    private long Fallbacks => (inner as ResilientDashboardCache)?.Fallbacks ?? 0;

    /// <summary>Reads the second level, saying whether the answer came from Redis itself rather than its fallback.</summary>
    public async Task<(StoredJson? Stored, bool Shared)> ReadSecondLevelAsync(string key, CancellationToken cancellationToken)
    {
        var before = Fallbacks;
        var stored = await inner.GetJsonAsync(key, cancellationToken);
        return (stored, Fallbacks == before);
    }

    /// <summary>Writes the second level if the generation holds, saying whether it went to Redis itself rather than its fallback.</summary>
    public async Task<(bool Written, bool Shared)> WriteSecondLevelAsync(string key, byte[] json, TimeSpan ttl, long generation)
    {
        var before = Fallbacks;
        var written = await inner.SetJsonIfGenerationAsync(key, json, ttl, generation, CancellationToken.None);
        return (written, Fallbacks == before);
    }

    public ValueTask<bool> SetJsonIfGenerationAsync(string key, byte[] json, TimeSpan ttl, long generation, CancellationToken cancellationToken) =>
        inner.SetJsonIfGenerationAsync(key, json, ttl, generation, cancellationToken);

    public ValueTask<long> GetGenerationAsync(string family, CancellationToken cancellationToken) => inner.GetGenerationAsync(family, cancellationToken);

    public async ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken)
    {
        var removed = await inner.RemoveAsync(key, cancellationToken);
        Drop(key);
        return removed;
    }

    public async ValueTask<long> RemoveByPatternAsync(string pattern, CancellationToken cancellationToken)
    {
        var removed = await inner.RemoveByPatternAsync(pattern, cancellationToken);
        Drop(pattern);
        return removed;
    }
}
