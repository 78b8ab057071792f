using System.Collections.Concurrent;

namespace AdminDashboard.Core.Caching;

/// <summary>The outcome of one cache lookup, as <c>dashboard.cache.lookups{result}</c> and the tally name it.</summary>
public static class CacheLookupResult
{
    /// <summary>The cache had a usable value.</summary>
    public const string Hit = "hit";
    /// <summary>The cache was asked and had nothing usable: the services were called.</summary>
    public const string Miss = "miss";
    /// <summary>An admin's Refresh: the cache was not asked, the services were called by choice.</summary>
    public const string Refresh = "refresh";
    /// <summary>A Redis call failed; the in-process fallback answered it (and that answer is the hit or miss).</summary>
    public const string Error = "error";
}

/// <summary>Lookups of one key family since start, beside the seed's target for it.</summary>
public sealed record CacheFamilyLookups(
    string Family, long Hits, long Misses, long Refreshes, long Errors, double? HitRate, double? TargetMin, double? TargetMax, HitRateVerdict Verdict);

/// <summary>
/// Hits and misses per key family in this process, for the health page and API: the counter behind
/// <c>dashboard.cache.lookups</c> is write-only, and a scrape of /metrics from inside the app would be absurd.
/// The hit rate is hits / (hits + misses): a Refresh never asked the cache, and an error is followed by the
/// fallback's own hit or miss, so neither counts for or against the cache.
/// </summary>
public sealed class CacheLookupTally
{
    private sealed class Counts
    {
        public long Hits, Misses, Refreshes, Errors;
    }

    private readonly ConcurrentDictionary<string, Counts> _families = new(StringComparer.Ordinal);

    public void Record(string family, string result)
    {
        var counts = _families.GetOrAdd(family, static _ => new Counts());
        switch (result)
        {
            case CacheLookupResult.Hit: Interlocked.Increment(ref counts.Hits); break;
            case CacheLookupResult.Miss: Interlocked.Increment(ref counts.Misses); break;
            case CacheLookupResult.Refresh: Interlocked.Increment(ref counts.Refreshes); break;
            case CacheLookupResult.Error: Interlocked.Increment(ref counts.Errors); break;
        }
    }

    /// <summary>
    /// Every family of <see cref="CacheFamilies.All"/> in its order (zeros before its first lookup), then any other
    /// family that was looked up, by name.
    /// </summary>
    public IReadOnlyList<CacheFamilyLookups> Snapshot()
    {
        var others = _families.Keys.Where(k => CacheFamilies.All.All(f => f.Name != k)).Order(StringComparer.Ordinal);
        return CacheFamilies.All.Select(f => f.Name).Concat(others).Select(Read).ToList();
    }

    public static double? HitRate(long hits, long misses) => hits + misses == 0 ? null : Math.Round((double)hits / (hits + misses), 3);

    private CacheFamilyLookups Read(string name)
    {
        var family = CacheFamilies.Of(name);
        var counts = _families.GetValueOrDefault(name) ?? new Counts();
        var (hits, misses) = (Interlocked.Read(ref counts.Hits), Interlocked.Read(ref counts.Misses));
        var rate = HitRate(hits, misses);
        return new CacheFamilyLookups(name, hits, misses, Interlocked.Read(ref counts.Refreshes), Interlocked.Read(ref counts.Errors),
            rate, family.TargetMin, family.TargetMax, family.Judge(rate));
    }
}
