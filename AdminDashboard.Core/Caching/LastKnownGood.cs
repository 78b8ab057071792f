namespace AdminDashboard.Core.Caching;

/// <summary>A value as it last came back good, and when it was fetched.</summary>
public sealed record LastKnownGood<T>(T Value, DateTimeOffset AsOf) where T : class;

/// <summary>
/// A cache policy beside cache-aside: every good answer is also kept long (<c>admin:lkg:*</c>, 24 h), so that when
/// its source fails the caller can serve it instead, marked as old. Not touched by event invalidation: these
/// values are only ever shown as old.
/// </summary>
public sealed class LastKnownGoodCache(IDashboardCache cache)
{
    /// <summary>Keeps <paramref name="value"/>, fetched at <paramref name="asOf"/>, as the last good one under <paramref name="key"/>.</summary>
    public ValueTask KeepAsync<T>(string key, T value, DateTimeOffset asOf, CancellationToken cancellationToken) where T : class =>
        cache.SetAsync(key, new LastKnownGood<T>(value, asOf), CacheKeys.TtlOf(key), cancellationToken);

    /// <summary>The last good value kept under <paramref name="key"/>, or null when there never was one (or it expired).</summary>
    public ValueTask<LastKnownGood<T>?> RecallAsync<T>(string key, CancellationToken cancellationToken) where T : class =>
        cache.GetAsync<LastKnownGood<T>>(key, cancellationToken);
}
