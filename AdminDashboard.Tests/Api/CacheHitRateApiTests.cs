using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Api;

/// <summary>
/// Hit rates per key family through real HTTP, on a dashboard of its own so every lookup since start is this test's.
/// </summary>
public sealed class CacheHitRateApiTests
{
    [Fact]
    public async Task System_health_reports_hits_and_misses_per_key_family_beside_the_seeds_targets()
    {
        await using var app = new DashboardAppFactory();
        using var client = app.CreateApiClient(TestTokens.Admin());
        async Task Get(string path, int times)
        {
            for (var i = 0; i < times; i++) (await client.GetAsync(path)).EnsureSuccessStatusCode();
        }
        // One request at a time: the first of each key misses and fills the cache, the rest hit it.
        await Get("/v1/admin/dashboard/stats", 3);
        await Get("/v1/admin/charts/patient-growth?days=7", 4);
        await Get("/v1/admin/charts/top-doctors?days=30&limit=5", 2);
        await Get("/v1/admin/charts/revenue?days=7", 1);
        await Get("/v1/admin/charts/revenue?days=30", 1);

        var health = await client.GetFromJsonAsync<JsonElement>("/v1/admin/system/health");

        var families = health.GetProperty("cache").GetProperty("families").EnumerateArray().ToList();
        Assert.Equal(["admin:stats", "admin:patients", "admin:doctors", "admin:appointments", "admin:revenue", "admin:medicine", "admin:system"],
            families.Select(f => f.GetProperty("family").GetString()));
        var byName = families.ToDictionary(f => f.GetProperty("family").GetString()!);
        AssertFamily(byName["admin:stats"], hits: 2, misses: 1, 0.80, 0.90, "below");
        AssertFamily(byName["admin:patients"], hits: 3, misses: 1, 0.95, 0.98, "below");
        AssertFamily(byName["admin:doctors"], hits: 1, misses: 1, 0.90, 0.95, "below");
        // Two keys of one family (7 and 30 days): each misses once.
        AssertFamily(byName["admin:revenue"], hits: 0, misses: 2, null, null, "noTarget");
        AssertFamily(byName["admin:appointments"], hits: 0, misses: 0, null, null, "noLookups");
        // This very request's probe lookup, the first of the process.
        AssertFamily(byName["admin:system"], hits: 0, misses: 1, 0.70, 0.80, "below");

        var cache = health.GetProperty("cache");
        Assert.Equal(6, cache.GetProperty("hits").GetInt64());
        Assert.Equal(6, cache.GetProperty("misses").GetInt64());
    }

    private static void AssertFamily(JsonElement family, long hits, long misses, double? targetMin, double? targetMax, string verdict)
    {
        var name = family.GetProperty("family").GetString();
        Assert.True(hits == family.GetProperty("hits").GetInt64(), $"{name} hits");
        Assert.True(misses == family.GetProperty("misses").GetInt64(), $"{name} misses");
        var rate = family.GetProperty("hitRate");
        if (hits + misses == 0) Assert.Equal(JsonValueKind.Null, rate.ValueKind);
        else Assert.Equal((double)hits / (hits + misses), rate.GetDouble(), 3);
        Assert.Equal(targetMin, Nullable(family.GetProperty("targetMin")));
        Assert.Equal(targetMax, Nullable(family.GetProperty("targetMax")));
        Assert.Equal(verdict, family.GetProperty("verdict").GetString());
    }

    private static double? Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();
}
