using AdminDashboard.Core.Diagnostics;

namespace AdminDashboard.Core.Caching;

/// <summary>
/// Where a cache lookup is counted: once on the exported counter (<c>dashboard.cache.lookups</c>) and once in this
/// process's <see cref="Tally"/>, which the health page reads.
/// </summary>
public sealed class CacheLookups(DashboardMetrics metrics)
{
    public CacheLookupTally Tally { get; } = new();

    public void Record(string family, string result)
    {
        metrics.RecordCacheLookup(family, result);
        Tally.Record(family, result);
    }
}
