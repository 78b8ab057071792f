using AdminDashboard.Tests.Infrastructure;
using BlazorAdmin.Bench.Load;
using BlazorAdmin.Bench.Report;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AdminDashboard.Tests.Benchmarks;

/// <summary>The benchmark's own instruments: if these are wrong, every figure in the README is.</summary>
public sealed class LoopbackLoadTests
{
    [Fact]
    public async Task Open_loop_charges_a_server_stall_to_every_request_scheduled_during_it()
    {
        // A server that answers at once, except for a 300 ms stall that begins when the 20th request arrives.
        var open = new TaskCompletionSource();
        open.SetResult();
        var gate = open;
        var arrived = 0;
        var stallStarted = false;
        var port = FreePorts.Take(1)[0];
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        await using var app = builder.Build();
        app.MapGet("/", async () =>
        {
            if (Volatile.Read(ref stallStarted) && Interlocked.Increment(ref arrived) == 20)
            {
                var stall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref gate, stall);
                _ = Task.Delay(300).ContinueWith(_ => stall.SetResult(), TaskScheduler.Default);
            }
            await Volatile.Read(ref gate).Task;
            return Results.Ok();
        });
        await app.StartAsync();
        using var client = LoopbackLoad.CreateClient();
        HttpRequestMessage Request() => new(HttpMethod.Get, $"http://127.0.0.1:{port}/");
        await LoopbackLoad.ClosedLoopThroughputAsync(client, Request, 4, TimeSpan.FromMilliseconds(300)); // warm

        Volatile.Write(ref stallStarted, true);
        var result = await LoopbackLoad.OpenLoopAsync(client, Request, ratePerSecond: 100, count: 80);

        // About 30 requests were due during the stall; each waited out the rest of it, and the first 20 of those
        // by more than 100 ms. A client that waited for answers before sending (coordinated omission) would have
        // recorded the few requests in flight when the stall began, not twenty.
        Assert.Equal(0, result.Failed);
        var slow = result.Outcomes.Count(o => o.LatencyMs > 100);
        Assert.True(slow >= 15, $"only {slow} of 80 requests show the 300 ms stall");
        Assert.True(result.Latency.P99 >= 250, $"p99 {result.Latency.P99} ms should show the 300 ms stall");
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).Reverse();
        var summary = LatencySummary.Of(samples);
        Assert.Equal((100, 50.0, 95.0, 99.0, 100.0), (summary.Count, summary.P50, summary.P95, summary.P99, summary.Max));
        Assert.Equal(7, LatencySummary.Of([7]).P99);
        Assert.Equal(2, LatencySummary.Median([3, 1, 2]));
        Assert.Throws<InvalidOperationException>(() => LatencySummary.Of([]));
    }

    [Theory]
    [InlineData(1.5, Verdict.MeetsOurs)]
    [InlineData(5, Verdict.MeetsSeedOnly)]
    [InlineData(12, Verdict.MissesSeed)]
    public void A_figure_is_judged_against_the_seed_target_and_ours(double p99, Verdict expected) =>
        Assert.Equal(expected, ScenarioResult.Judge(p99, seedLimit: 10, ourLimit: 2));

    [Fact]
    public void The_readme_table_is_replaced_between_its_markers_and_nowhere_else()
    {
        var readme = $"intro\n{BenchReport.ReadmeStart}\nold table\n{BenchReport.ReadmeEnd}\noutro\n";
        var updated = BenchReport.ReplaceReadmeTable(readme, "| new |\n");
        Assert.Equal($"intro\n{BenchReport.ReadmeStart}\n| new |\n{BenchReport.ReadmeEnd}\noutro\n", updated);
        Assert.Throws<InvalidOperationException>(() => BenchReport.ReplaceReadmeTable("no markers", "| new |"));

        // The repository's README carries the markers ./bench.sh writes between.
        var real = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        Assert.Contains(BenchReport.ReadmeStart, real);
        Assert.Contains(BenchReport.ReadmeEnd, real);
    }
}
