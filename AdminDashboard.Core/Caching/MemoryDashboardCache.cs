using System.Text.Json;
using AdminDashboard.Core.Upstream;
using System.Collections.Concurrent;

namespace AdminDashboard.Core.Caching;

/// <summary>
/// In-process implementation: the cache of embedded mode, and the fallback layer when Redis is unavailable.
/// Same keys, TTLs and generations as Redis; nothing shared between instances.
/// </summary>
public sealed class MemoryDashboardCache(TimeProvider time) : IDashboardCache
{
    private sealed record Entry(object Value, DateTimeOffset ExpiresAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();

    public ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.ExpiresAt > time.GetUtcNow())
                return ValueTask.FromResult(entry.Value is byte[] json && typeof(T) != typeof(byte[])
                    ? JsonSerializer.Deserialize<T>(json, UpstreamJson.Options)
                    : entry.Value as T);
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }
        return ValueTask.FromResult<T?>(null);
    }

    public ValueTask SetAsync<T>(string key, T value, TimeSpan ttl, CancellationToken cancellationToken) where T : class
    {
        if (ttl > TimeSpan.Zero)
            _entries[key] = new Entry(value, time.GetUtcNow() + ttl);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> SetIfGenerationAsync<T>(string key, T value, TimeSpan ttl, long generation, CancellationToken cancellationToken) where T : class
    {
        // The check and the write happen under the lock invalidations take, so none can slip in between.
        lock (_writeLock)
        {
            if (_generations.GetValueOrDefault(CacheKeys.FamilyOf(key)) != generation) return ValueTask.FromResult(false);
            SetAsync(key, value, ttl, cancellationToken);
            return ValueTask.FromResult(ttl > TimeSpan.Zero);
        }
    }

    public ValueTask<StoredJson?> GetJsonAsync(string key, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Value is byte[] json)
        {
            var left = entry.ExpiresAt - time.GetUtcNow();
            if (left > TimeSpan.Zero) return ValueTask.FromResult<StoredJson?>(new StoredJson(json, left));
        }
        return ValueTask.FromResult<StoredJson?>(null);
    }

    public ValueTask<bool> SetJsonIfGenerationAsync(string key, byte[] json, TimeSpan ttl, long generation, CancellationToken cancellationToken) =>
        SetIfGenerationAsync(key, json, ttl, generation, cancellationToken);

    public ValueTask<long> GetGenerationAsync(string family, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_generations.GetValueOrDefault(family));

    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            _generations.AddOrUpdate(CacheKeys.FamilyOf(key), 1, (_, g) => g + 1);
            return ValueTask.FromResult(_entries.TryRemove(key, out _));
        }
    }

    public ValueTask<long> RemoveByPatternAsync(string pattern, CancellationToken cancellationToken)
    {
        long removed = 0;
        lock (_writeLock)
        {
            _generations.AddOrUpdate(CacheKeys.FamilyOf(pattern), 1, (_, g) => g + 1);
            foreach (var key in _entries.Keys)
            {
                if (GlobPattern.IsMatch(pattern, key) && _entries.TryRemove(key, out _))
                    removed++;
            }
        }
        return ValueTask.FromResult(removed);
    }
}

/// <summary>The subset of Redis glob patterns the dashboard uses: <c>*</c> and <c>?</c>.</summary>
public static class GlobPattern
{
    public static bool IsMatch(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t])) { p++; t++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
            else if (star >= 0) { p = star + 1; t = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
