using System.Diagnostics;
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
        var serviceBase = FindFreeRun(5);
        var environment = new Dictionary<string, string>
        {
            ["DEV_STATE_DIR"] = state, ["SKIP_BUILD"] = "1", ["CONFIGURATION"] = "Debug",
            ["DASHBOARD_PORT"] = ports[0].ToString(), ["REDIS_PORT"] = ports[1].ToString(), ["KAFKA_PORT"] = ports[2].ToString(),
            ["ZOOKEEPER_PORT"] = ports[3].ToString(), ["SERVICE_PORT_BASE"] = serviceBase.ToString(),
        };
        try
        {
            var (exit, output) = await RunAsync("scripts/dev-up.sh --detach", environment, TimeSpan.FromMinutes(4));
            Assert.True(exit == 0, output);
            var pids = File.ReadAllLines(Path.Combine(state, "pids")).Select(l => l.Split(' ')).ToList();
            Assert.Equal(["redis", "zookeeper", "kafka", "patients", "doctors", "appointments", "billing", "medicine", "dashboard"], pids.Select(p => p[1]));
            Assert.Equal(9, pids.Select(p => p[0]).Distinct().Count());

            var token = (await RunAsync("dotnet user-jwts create --project AdminDashboard --role Admin --output token", new Dictionary<string, string>(), TimeSpan.FromMinutes(1))).Output.Trim().Split('\n')[^1];
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
            var (exit, output) = await RunAsync("scripts/dev-down.sh", environment, TimeSpan.FromMinutes(1));
            Assert.True(exit == 0, output);
        }
        Assert.False(File.Exists(Path.Combine(state, "pids")));
    }

    private static int FindFreeRun(int length)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var start = Random.Shared.Next(20_000, 60_000);
            if (Enumerable.Range(start, length).All(IsFree)) return start;
        }
        throw new InvalidOperationException("no run of free ports found");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>Its own collection, with no fixtures: the stack brings its own Redis and Kafka.</summary>
[CollectionDefinition(Name)]
public sealed class DevStackCollection
{
    public const string Name = "Dev stack";
}
