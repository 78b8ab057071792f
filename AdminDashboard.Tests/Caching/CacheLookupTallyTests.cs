using System.Diagnostics.Metrics;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AdminDashboard.Tests.Caching;

public sealed class CacheLookupTallyTests
{
    private static CacheFamilyLookups Row(CacheLookupTally tally, string family) => tally.Snapshot().Single(f => f.Family == family);

    [Fact]
    public void Hit_rate_is_hits_over_hits_and_misses_with_refreshes_and_errors_counted_apart()
    {
        var tally = new CacheLookupTally();
        for (var i = 0; i < 17; i++) tally.Record(CacheFamilies.Stats, CacheLookupResult.Hit);
        for (var i = 0; i < 3; i++) tally.Record(CacheFamilies.Stats, CacheLookupResult.Miss);
        for (var i = 0; i < 5; i++) tally.Record(CacheFamilies.Stats, CacheLookupResult.Refresh);
        tally.Record(CacheFamilies.Stats, CacheLookupResult.Error);

        var stats = Row(tally, CacheFamilies.Stats);

        Assert.Equal((17, 3, 5, 1), (stats.Hits, stats.Misses, stats.Refreshes, stats.Errors));
        Assert.Equal(0.85, stats.HitRate);
        Assert.Equal((0.80, 0.90), (stats.TargetMin, stats.TargetMax));
        Assert.Equal(HitRateVerdict.Within, stats.Verdict);
    }

    [Fact]
    public void Families_are_counted_apart()
    {
        var tally = new CacheLookupTally();
        tally.Record(CacheFamilies.Patients, CacheLookupResult.Miss);
        tally.Record(CacheFamilies.Doctors, CacheLookupResult.Hit);

        Assert.Equal((0, 1), (Row(tally, CacheFamilies.Patients).Hits, Row(tally, CacheFamilies.Patients).Misses));
        Assert.Equal((1, 0), (Row(tally, CacheFamilies.Doctors).Hits, Row(tally, CacheFamilies.Doctors).Misses));
        Assert.Equal(0, Row(tally, CacheFamilies.Stats).Hits + Row(tally, CacheFamilies.Stats).Misses);
    }

    [Fact]
    public void Every_seed_family_is_listed_in_order_before_its_first_lookup_without_a_rate()
    {
        var snapshot = new CacheLookupTally().Snapshot();

        Assert.Equal(["admin:stats", "admin:patients", "admin:doctors", "admin:appointments", "admin:revenue", "admin:medicine", "admin:system"],
            snapshot.Select(f => f.Family));
        Assert.All(snapshot, f => Assert.Null(f.HitRate));
        Assert.All(snapshot, f => Assert.Equal(HitRateVerdict.NoLookups, f.Verdict));
    }

    [Fact]
    public void A_family_outside_the_table_is_listed_after_the_seeds_without_a_target()
    {
        var tally = new CacheLookupTally();
        tally.Record("admin:lkg", CacheLookupResult.Error);
        tally.Record("admin:other", CacheLookupResult.Hit);

        var snapshot = tally.Snapshot();

        Assert.Equal(["admin:lkg", "admin:other"], snapshot.Skip(CacheFamilies.All.Count).Select(f => f.Family));
        var other = snapshot[^1];
        Assert.Equal((1.0, (double?)null, (double?)null, HitRateVerdict.NoTarget), (other.HitRate, other.TargetMin, other.TargetMax, other.Verdict));
    }

    [Theory]
    [InlineData("admin:stats", 0.79, HitRateVerdict.Below)]
    [InlineData("admin:stats", 0.80, HitRateVerdict.Within)]
    [InlineData("admin:stats", 0.90, HitRateVerdict.Within)]
    [InlineData("admin:stats", 0.91, HitRateVerdict.Above)]
    [InlineData("admin:patients", 0.94, HitRateVerdict.Below)]
    [InlineData("admin:patients", 0.99, HitRateVerdict.Above)]
    [InlineData("admin:doctors", 0.92, HitRateVerdict.Within)]
    [InlineData("admin:system", 0.69, HitRateVerdict.Below)]
    [InlineData("admin:system", 0.75, HitRateVerdict.Within)]
    [InlineData("admin:revenue", 0.10, HitRateVerdict.NoTarget)]
    [InlineData("admin:stats", null, HitRateVerdict.NoLookups)]
    public void A_hit_rate_is_judged_against_its_familys_seed_range(string family, double? hitRate, HitRateVerdict expected) =>
        Assert.Equal(expected, CacheFamilies.Of(family).Judge(hitRate));

    [Fact]
    public void Concurrent_lookups_are_all_counted()
    {
        var tally = new CacheLookupTally();
        Parallel.For(0, 20_000, i => tally.Record(i % 2 == 0 ? CacheFamilies.Stats : CacheFamilies.System, i % 4 < 2 ? CacheLookupResult.Hit : CacheLookupResult.Miss));

        var snapshot = tally.Snapshot();
        Assert.Equal(20_000, snapshot.Sum(f => f.Hits + f.Misses));
        Assert.Equal(10_000, Row(tally, CacheFamilies.Stats).Hits + Row(tally, CacheFamilies.Stats).Misses);
    }

    [Fact]
    public void A_recorded_lookup_reaches_both_the_metric_and_the_tally()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        using var metrics = new DashboardMetrics(meters);
        using var collector = new MetricCollector<long>(meters, DashboardMetrics.MeterName, "dashboard.cache.lookups");
        var lookups = new CacheLookups(metrics);

        lookups.Record(CacheFamilies.Doctors, CacheLookupResult.Refresh);

        var measurement = Assert.Single(collector.GetMeasurementSnapshot());
        Assert.Equal(CacheFamilies.Doctors, measurement.Tags["family"]);
        Assert.Equal(CacheLookupResult.Refresh, measurement.Tags["result"]);
        Assert.Equal(1, lookups.Tally.Snapshot().Single(f => f.Family == CacheFamilies.Doctors).Refreshes);
    }
}
