namespace AdminDashboard.Core.Caching;

/// <summary>
/// Whether this instance is hearing the events that invalidate the cache. While it is not, the first level
/// (<see cref="FirstLevelCache"/>) keeps entries only a few seconds: an instance that missed events must not serve old figures for long.
/// </summary>
public interface ICacheInvalidationFeed
{
    bool IsLive { get; }
}

/// <summary>No event feed registered: the first level never trusts an entry beyond its short lifetime.</summary>
public sealed class NoInvalidationFeed : ICacheInvalidationFeed
{
    public bool IsLive => false;
}
