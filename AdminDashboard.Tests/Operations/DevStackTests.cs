using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Operations;

/// <summary>
/// scripts/dev-up.sh brings up the distributed stack without Docker: Redis, Kafka, the five services as five
/// processes and the dashboard; a stats envelope comes back whole through it; scripts/dev-down.sh stops it all.
/// </summary>
[Collection(DevStackCollection.Name)]
[Trait("Category", "Stack")]
public sealed class DevStackTests
{
    [Fact]
    public async Task Dev_up_runs_the_distributed_stack_from_local_processes_and_dev_down_stops_it()
    {
        var state = Directory.CreateTempSubdirectory("blazoradmin-dev-").FullName;
        var ports = FreePorts.Take(4);
        // dev-up wants five consecutive service ports: find a free run near a free one.
        var serviceBase = FreePorts.TakeRun(5);
        var environment = new Dictionary<string, string>
        {
            ["DEV_STATE_DIR"] = state, ["SKIP_BUILD"] = "1", ["CONFIGURATION"] = "Debug",
            ["DASHBOARD_PORT"] = ports[0].ToString(), ["REDIS_PORT"] = ports[1].ToString(), ["KAFKA_PORT"] = ports[2].ToString(),
            ["ZOOKEEPER_PORT"] = ports[3].ToString(), ["SERVICE_PORT_BASE"] = serviceBase.ToString(),
        };
        // Before the dashboard starts: on a clean machine the first token creates the user-jwts signing key, which
        // the dashboard reads only at start-up.
        var token = await UserJwts.CreateTokenAsync("Admin");
        try
        {
            var (exit, output) = (await ProcessRunner.RunAsync("bash", ["scripts/dev-up.sh", "--detach"], TimeSpan.FromMinutes(4), environment))!.Value;
            Assert.True(exit == 0, output);
            var pids = File.ReadAllLines(Path.Combine(state, "pids")).Select(l => l.Split(' ')).ToList();
            Assert.Equal(["redis", "zookeeper", "kafka", "patients", "doctors", "appointments", "billing", "medicine", "dashboard"], pids.Select(p => p[1]));
            Assert.Equal(9, pids.Select(p => p[0]).Distinct().Count());

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}") };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            JsonElement stats = default;
            // The consumer and the first fan-out warm up; a whole answer comes within seconds.
            for (var attempt = 0; attempt < 30; attempt++)
            {
                stats = await client.GetFromJsonAsync<JsonElement>("/v1/admin/dashboard/stats");
                if (!stats.GetProperty("partial").GetBoolean()) break;
                await Task.Delay(500);
            }
            Assert.False(stats.GetProperty("partial").GetBoolean());
            Assert.All(stats.GetProperty("sources").EnumerateArray(), s => Assert.Equal("ok", s.GetProperty("status").GetString()));
            // A service in its own process exports its own requests and its own process's figures.
            using (var patients = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{serviceBase}") })
            {
                var metrics = await patients.GetStringAsync("/metrics");
                Assert.Contains("service_name=\"hospital-patients\"", metrics);
                Assert.Contains("http_route=\"/v1/admin/patients/stats\"", metrics);
                Assert.Contains("process_cpu_time_seconds_total{", metrics);
            }

            JsonElement ready = default;
            for (var attempt = 0; attempt < 30; attempt++)
            {
                ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");
                if (ready.GetProperty("checks").GetProperty("events").GetProperty("status").GetString() == "Healthy") break;
                await Task.Delay(500);
            }
            Assert.Equal("Redis cache connected.", ready.GetProperty("checks").GetProperty("cache").GetProperty("description").GetString());
            Assert.Equal("Live updates from Kafka.", ready.GetProperty("checks").GetProperty("events").GetProperty("description").GetString());
        }
        finally
        {
            var (exit, output) = (await ProcessRunner.RunAsync("bash", ["scripts/dev-down.sh"], TimeSpan.FromMinutes(1), environment))!.Value;
            Assert.True(exit == 0, output);
        }
        Assert.False(File.Exists(Path.Combine(state, "pids")));
    }
}

/// <summary>Its own collection, with no fixtures: the stack brings its own Redis and Kafka.</summary>
[CollectionDefinition(Name)]
public sealed class DevStackCollection
{
    public const string Name = "Dev stack";
}
