namespace AdminDashboard.Core.Caching;

/// <summary>
/// The dashboard's cache: JSON values under the seed's key names, each with a TTL.
/// The in-memory implementation serves embedded mode; Redis implements the same contract and is shared by instances.
/// </summary>
/// <remarks>
/// Every key family (<c>admin:stats</c>, <c>admin:patients</c>, ...) has a generation that each invalidation bumps.
/// A loader reads the generation before it fetches and writes with <see cref="SetIfGenerationAsync{T}"/>, so a slow
/// fetch that started before an invalidation cannot write its older result back after it.
/// </remarks>
public interface IDashboardCache
{
    ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class;

    ValueTask SetAsync<T>(string key, T value, TimeSpan ttl, CancellationToken cancellationToken) where T : class;

    /// <summary>Writes only if the key's family is still at <paramref name="generation"/>; returns whether it wrote.</summary>
    ValueTask<bool> SetIfGenerationAsync<T>(string key, T value, TimeSpan ttl, long generation, CancellationToken cancellationToken) where T : class;

    /// <summary>The value's UTF-8 JSON as stored, and how long it has left; null when absent.</summary>
    ValueTask<StoredJson?> GetJsonAsync(string key, CancellationToken cancellationToken);

    /// <summary><see cref="SetIfGenerationAsync{T}"/> for JSON already serialized: the bytes are stored as they are.</summary>
    ValueTask<bool> SetJsonIfGenerationAsync(string key, byte[] json, TimeSpan ttl, long generation, CancellationToken cancellationToken);

    ValueTask<long> GetGenerationAsync(string family, CancellationToken cancellationToken);

    /// <summary>Bumps the key's family generation, then deletes the key.</summary>
    ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Bumps the pattern's family generation, then deletes every key matching a glob pattern such as
    /// <c>admin:patients:*</c> (in batches, with SCAN on Redis); returns how many were deleted.
    /// </summary>
    ValueTask<long> RemoveByPatternAsync(string pattern, CancellationToken cancellationToken);
}

/// <summary>A value's UTF-8 JSON as the cache holds it, and the time it has left there.</summary>
public sealed record StoredJson(byte[] Json, TimeSpan TimeToLive);
