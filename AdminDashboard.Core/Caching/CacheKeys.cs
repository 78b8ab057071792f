namespace AdminDashboard.Core.Caching;

/// <summary>The seed's cache keys and the family each belongs to (for metrics and invalidation). One place names them.</summary>
public static class CacheKeys
{
    public const string Stats = "admin:stats:v1";

    /// <summary>Family of a key: its first two segments (<c>admin:stats</c>, <c>admin:patients</c>).</summary>
    public static string FamilyOf(string key)
    {
        var first = key.IndexOf(':');
        if (first < 0) return key;
        var second = key.IndexOf(':', first + 1);
        return second < 0 ? key : key[..second];
    }
}
