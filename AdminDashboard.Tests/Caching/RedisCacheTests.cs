using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using StackExchange.Redis;
using HospitalServices.Faults;

namespace AdminDashboard.Tests.Caching;

[Collection(RedisCollection.Name)]
[Trait("Category", "Redis")]
public sealed class RedisCacheTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly List<DashboardAppFactory> _apps = [];
    private DashboardAppFactory _app = default!;

    private DashboardAppFactory StartApp(string? connectionString = null)
    {
        var app = new DashboardAppFactory
        {
            Settings =
            {
                ["Cache:Provider"] = "Redis",
                ["ConnectionStrings:Redis"] = connectionString ?? redis.ConnectionString,
                ["Cache:Redis:BreakSeconds"] = "1",
                ["Cache:Redis:ReconnectIntervalMs"] = "200",
            },
        };
        _apps.Add(app);
        return app;
    }

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        _app = StartApp();
        await _app.EnsureWarmAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
    }

    private IDashboardCache Cache(DashboardAppFactory app) => app.Services.GetRequiredService<IDashboardCache>();

    private static JsonElement Source(JsonElement body, string service) =>
        body.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("service").GetString() == service);

    [Fact]
    public async Task Stats_key_lives_at_most_30_s_in_redis_as_readable_json_and_the_second_request_is_a_hit()
    {
        var first = await _app.GetStatsAsync();

        Assert.False(first.GetProperty("data").GetProperty("fromCache").GetBoolean());
        var ttl = await redis.Db.KeyTimeToLiveAsync(CacheKeys.Stats);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
        var stored = JsonDocument.Parse((string)(await redis.Db.StringGetAsync(CacheKeys.Stats))!);
        Assert.Equal(first.GetProperty("data").GetProperty("totalPatients").GetInt32(),
            stored.RootElement.GetProperty("data").GetProperty("totalPatients").GetInt32());

        var second = await _app.GetStatsAsync();
        Assert.True(second.GetProperty("data").GetProperty("fromCache").GetBoolean());
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_on_a_cold_cache_call_each_service_exactly_once()
    {
        await _app.ClearStatsCacheAsync();
        var before = new Dictionary<UpstreamService, long>();
        foreach (var service in UpstreamServiceNames.All) before[service] = await _app.AdminRequestsAsync(service);

        using var client = _app.CreateApiClient(TestTokens.Admin());
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetAsync("/v1/admin/dashboard/stats")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var service in UpstreamServiceNames.All)
            Assert.Equal(1, await _app.AdminRequestsAsync(service) - before[service]);
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task Pattern_invalidation_removes_exactly_the_matching_keys_among_thousands_without_KEYS()
    {
        var batch = redis.Db.CreateBatch();
        var writes = new List<Task>();
        for (var i = 0; i < 1500; i++)
        {
            writes.Add(batch.StringSetAsync(CacheKeys.PatientGrowth(i), "{}", TimeSpan.FromMinutes(5)));
            writes.Add(batch.StringSetAsync($"admin:patientsx:{i}", "{}", TimeSpan.FromMinutes(5)));   // near miss: other family
            writes.Add(batch.StringSetAsync(CacheKeys.TopDoctors(i, 30), "{}", TimeSpan.FromMinutes(5)));
        }
        batch.Execute();
        await Task.WhenAll(writes);

        var server = redis.Client.GetServer(redis.ConnectionString);
        await server.ExecuteAsync("CONFIG", "RESETSTAT");

        var removed = await Cache(_app).RemoveByPatternAsync("admin:patients:*", CancellationToken.None);

        // Read before this test's own SCANs below, so only the dashboard's commands are counted.
        var commandStats = (await server.InfoAsync("commandstats")).SelectMany(g => g).ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(1500, removed);
        Assert.Empty(await server.KeysAsync(pattern: "admin:patients:*", pageSize: 1000).ToListAsync());
        Assert.Equal(1500, await server.KeysAsync(pattern: "admin:patientsx:*", pageSize: 1000).CountAsync());
        Assert.Equal(1500, await server.KeysAsync(pattern: "admin:doctors:*", pageSize: 1000).CountAsync());
        Assert.True(commandStats.ContainsKey("cmdstat_scan"), "SCAN was never called");
        Assert.False(commandStats.ContainsKey("cmdstat_keys"), "KEYS was called");
    }

    [Fact]
    public async Task A_failing_service_with_a_last_known_good_section_is_served_stale_with_its_age()
    {
        await _app.GetStatsAsync();   // every section is now last-known-good
        var lkgTtl = await redis.Db.KeyTimeToLiveAsync(CacheKeys.LastKnownGood(UpstreamService.Billing));
        Assert.True(lkgTtl > TimeSpan.FromHours(1), $"last-known-good TTL {lkgTtl}");

        await _app.SetFaultAsync(UpstreamService.Billing, FaultMode.Error);
        await _app.ClearStatsCacheAsync();
        try
        {
            var body = await _app.GetStatsAsync();

            Assert.True(body.GetProperty("partial").GetBoolean());
            Assert.Equal(JsonValueKind.Object, body.GetProperty("data").GetProperty("revenue").ValueKind);
            Assert.True(body.GetProperty("data").GetProperty("revenueToday").GetInt64() > 0);
            var billing = Source(body, "billing");
            Assert.Equal("stale", billing.GetProperty("status").GetString());
            Assert.True(billing.GetProperty("ageSeconds").GetInt64() >= 0);
            Assert.NotEqual(JsonValueKind.Null, billing.GetProperty("asOf").ValueKind);
            Assert.Contains("HTTP 500", billing.GetProperty("error").GetString());
            var warning = Assert.Single(body.GetProperty("warnings").EnumerateArray()).GetString()!;
            Assert.Matches(@"^Billing figures are \d+ (s|min) old: service unavailable$", warning);
        }
        finally
        {
            await _app.ClearFaultsAsync();
        }
    }

    [Fact]
    public async Task A_failing_service_without_a_last_known_good_section_is_null_as_in_the_seed()
    {
        await _app.SetFaultAsync(UpstreamService.Medicine, FaultMode.Error);
        await redis.FlushAsync();
        // The in-process fallback holds a copy of every write: on a loaded machine a Redis call that times out is
        // answered from it, so it must be as empty as Redis.
        await _app.Services.GetRequiredService<MemoryDashboardCache>().RemoveByPatternAsync("admin:*", CancellationToken.None);
        try
        {
            var body = await _app.GetStatsAsync();

            Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("medicine").ValueKind);
            Assert.Equal("error", Source(body, "medicine").GetProperty("status").GetString());
        }
        finally
        {
            await _app.ClearFaultsAsync();
        }
    }

    [Fact]
    public async Task Requests_keep_succeeding_while_redis_is_dead_and_hits_resume_when_it_is_back()
    {
        var meters = _app.Services.GetRequiredService<IMeterFactory>();
        using var lookups = new MetricCollector<long>(meters, DashboardMetrics.MeterName, "dashboard.cache.lookups");
        await _app.GetStatsAsync();
        using var http = _app.CreateApiClient(null);
        try
        {
            redis.Kill();
            // The first level answers hits without Redis at all; forgetting the key sends the next request to Redis and its fallback.
            await _app.ClearStatsCacheAsync();
            for (var i = 0; i < 20; i++)
            {
                var body = await _app.GetStatsAsync();   // asserts 200
                Assert.True(body.GetProperty("success").GetBoolean());
                await Task.Delay(50);
            }
            var health = await http.GetFromJsonAsync<JsonElement>("/health");
            Assert.Equal("Degraded", health.GetProperty("status").GetString());
            Assert.Contains(lookups.GetMeasurementSnapshot(), m => (string?)m.Tags["result"] == "error" && (string?)m.Tags["family"] == "admin:stats");
        }
        finally
        {
            await redis.StartAsync();
        }

        var restarted = System.Diagnostics.Stopwatch.StartNew();
        var resumed = false;
        for (var attempt = 0; attempt < 60 && !resumed; attempt++)
        {
            await Task.Delay(250);
            await _app.GetStatsAsync();
            var again = await _app.GetStatsAsync();
            resumed = again.GetProperty("data").GetProperty("fromCache").GetBoolean() && await redis.Db.KeyExistsAsync(CacheKeys.Stats);
        }
        Assert.True(resumed, "hits from Redis did not resume within 15 s of the restart");
        Console.WriteLine($"Redis hits resumed {restarted.ElapsedMilliseconds} ms after redis-server was restarted");
        var healthAfter = await http.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", healthAfter.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Chart_data_is_cached_under_the_seed_keys_with_their_family_ttl()
    {
        using var client = _app.CreateApiClient(TestTokens.Admin());

        var growth = await client.GetFromJsonAsync<JsonElement>("/v1/admin/charts/patient-growth?days=30");
        var trends = await client.GetFromJsonAsync<JsonElement>("/v1/admin/charts/appointment-trends?days=7");
        var again = await client.GetFromJsonAsync<JsonElement>("/v1/admin/charts/patient-growth?days=30");

        Assert.False(growth.GetProperty("fromCache").GetBoolean());
        Assert.True(again.GetProperty("fromCache").GetBoolean());
        Assert.Equal(30, growth.GetProperty("data").GetProperty("daily").GetArrayLength());
        Assert.Equal(7, trends.GetProperty("data").GetProperty("daily").GetArrayLength());
        Assert.InRange((await redis.Db.KeyTimeToLiveAsync(CacheKeys.PatientGrowth(30)))!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.InRange((await redis.Db.KeyTimeToLiveAsync(CacheKeys.AppointmentTrends(7)))!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task The_dashboard_starts_and_serves_when_redis_is_not_there_at_all()
    {
        var app = StartApp(connectionString: $"127.0.0.1:{FreePorts.Take(1)[0]}");

        var body = await app.GetStatsAsync();

        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.True((await app.GetStatsAsync()).GetProperty("data").GetProperty("fromCache").GetBoolean());
    }

    [Fact]
    public async Task Two_instances_share_the_cache_and_see_each_others_invalidations()
    {
        var other = StartApp();
        await other.EnsureWarmAsync();
        await _app.ClearStatsCacheAsync();

        var fromFirst = await _app.GetStatsAsync();
        var fromSecond = await other.GetStatsAsync();

        Assert.False(fromFirst.GetProperty("data").GetProperty("fromCache").GetBoolean());
        Assert.True(fromSecond.GetProperty("data").GetProperty("fromCache").GetBoolean());
        Assert.Equal(fromFirst.GetProperty("data").GetProperty("timestamp").GetString(), fromSecond.GetProperty("data").GetProperty("timestamp").GetString());

        await Cache(_app).RemoveAsync(CacheKeys.Stats, CancellationToken.None);
        var afterInvalidation = await other.GetStatsAsync();
        Assert.False(afterInvalidation.GetProperty("data").GetProperty("fromCache").GetBoolean());
    }

    [Fact]
    public async Task A_fan_out_that_started_before_an_invalidation_does_not_write_its_result_back()
    {
        await _app.SetFaultAsync(UpstreamService.Billing, FaultMode.Slow, 400);
        await _app.ClearStatsCacheAsync();
        try
        {
            var billingCalls = await _app.AdminRequestsAsync(UpstreamService.Billing);
            var inFlight = _app.GetStatsAsync();
            // The fan-out has reached billing, so it read the generation before this invalidation.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (await _app.AdminRequestsAsync(UpstreamService.Billing) == billingCalls && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);
            await Cache(_app).RemoveAsync(CacheKeys.Stats, CancellationToken.None);
            var body = await inFlight;

            Assert.False(body.GetProperty("partial").GetBoolean());
            Assert.False(await redis.Db.KeyExistsAsync(CacheKeys.Stats), "the older result was written back after the invalidation");
        }
        finally
        {
            await _app.ClearFaultsAsync();
        }
    }
}
