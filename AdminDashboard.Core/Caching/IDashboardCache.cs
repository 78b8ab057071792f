namespace AdminDashboard.Core.Caching;

/// <summary>
/// The dashboard's cache: JSON-shaped values under the seed's key names with a TTL each.
/// The in-memory implementation serves embedded mode; Redis implements the same contract.
/// </summary>
public interface IDashboardCache
{
    ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class;

    ValueTask SetAsync<T>(string key, T value, TimeSpan ttl, CancellationToken cancellationToken) where T : class;

    ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes every key matching a glob pattern such as <c>admin:patients:*</c>; returns how many.</summary>
    ValueTask<long> RemoveByPatternAsync(string pattern, CancellationToken cancellationToken);
}
