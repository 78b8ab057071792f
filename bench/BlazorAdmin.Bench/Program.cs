using System.Diagnostics;
using BlazorAdmin.Bench.Hosting;
using BlazorAdmin.Bench.Micro;
using BlazorAdmin.Bench.Report;
using BlazorAdmin.Bench.Scenarios;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace BlazorAdmin.Bench;

// ./bench.sh starts Redis and Kafka on loopback, builds in Release, and calls:
//   BlazorAdmin.Bench run --repo DIR --redis HOST:PORT --kafka HOST:PORT [--chromium PATH] [--quick] [--readme]
// The reference server is this program too, in a process of its own:
//   BlazorAdmin.Bench reference-server PORT REDIS KEY
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["reference-server", var port, var redisEndpoint, var key])
            return await ReferenceServer.RunAsync(int.Parse(port), redisEndpoint, key);
        if (args is not ["run", ..])
        {
            Console.Error.WriteLine("usage: BlazorAdmin.Bench run --repo DIR --redis HOST:PORT --kafka HOST:PORT [--chromium PATH] [--quick] [--readme]");
            return 2;
        }

        string Option(string name, string? fallback = null)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"{name} is required.");
        }
        BenchEnvironment env;
        try
        {
            env = new BenchEnvironment(
                Path.GetFullPath(Option("--repo")), Option("--redis"), Option("--kafka"), Option("--chromium", "/usr/bin/chromium"), args.Contains("--quick"))
            {
                // --circuits 20: the issue's 20 watching in a --quick run too, to compare two builds in one sitting.
                Circuits = Option("--circuits", "") is [_, ..] circuits ? int.Parse(circuits, System.Globalization.CultureInfo.InvariantCulture) : null,
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{e.Message} ./bench.sh passes it; see its header.");
            return 2;
        }
        var results = new List<ScenarioResult>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();

        // --only "cache hit,event to screen": just those scenarios (for investigating one figure; the table is then partial).
        var only = Option("--only", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] scenarios = ["cache hit", "micro", "cache miss", "partial failure", "stampede", "event to hub", "event to screen", "circuits", "50 dashboards", "internal auth", "alerts", "hit rates"];
        if (only.Except(scenarios).ToList() is [_, ..] unknown)
        {
            Console.Error.WriteLine($"--only: unknown scenario(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; known: {string.Join(", ", scenarios)}.");
            return 2;
        }
        if (only.Contains("event to screen") && !only.Contains("event to hub"))
        {
            Console.Error.WriteLine("--only: 'event to screen' is compared with 'event to hub': name both.");
            return 2;
        }
        Task Measure(string name, Func<Task<ScenarioResult>> scenario) => MeasureRows(name, async () => [await scenario()]);
        async Task MeasureRows(string name, Func<Task<IReadOnlyList<ScenarioResult>>> scenario)
        {
            if (only.Length > 0 && !only.Contains(name)) return;
            Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {name} ...");
            try
            {
                foreach (var result in await scenario())
                {
                    results.Add(result);
                    Console.WriteLine($"[{clock.Elapsed:mm\\:ss}]   {result.Scenario}: {result.Measured}  |  {result.Reference}  |  {result.Ratio}");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.Message}");
                Console.WriteLine($"[{clock.Elapsed:mm\\:ss}]   FAILED: {e}");
            }
        }

        var token = await DevelopmentToken.CreateAdminAsync(env.RepoRoot);
        using var redis = await ConnectionMultiplexer.ConnectAsync($"{env.RedisEndpoint},allowAdmin=true");
        await redis.GetServer(env.RedisEndpoint).FlushDatabaseAsync();
        await using (var dashboard = await DashboardProcess.StartAsync(env, token, "dashboard.log"))
        {
            var stats = new StatsScenarios(env, dashboard, token, redis);
            await stats.CaptureStatsBodyAsync();
            await Measure("cache hit", stats.CacheHitAsync);

            // Micro benchmarks on the captured answer, while the dashboard idles (simulator off, nobody watching).
            IReadOnlyDictionary<string, IReadOnlyList<MicroRunner.Figure>>? micro = null;
            // "internal auth" is judged with the check's own time too: without "micro", the guard's benchmark alone runs.
            var microTypes = only.Length == 0 || only.Contains("micro") ? null : only.Contains("internal auth") ? new[] { typeof(GuardBenchmarks) } : [];
            if (microTypes is not []) Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] micro benchmarks (BenchmarkDotNet) ...");
            if (stats.LastStatsBody.Length > 0 && microTypes is not [])
            {
                MicroInputs.StatsBody = stats.LastStatsBody;
                try { micro = MicroRunner.Run(env.Quick, env.ArtifactsDir, microTypes); }
                catch (Exception e) { failures.Add($"micro benchmarks: {e.Message}"); Console.WriteLine(e); }
            }
            var guardNs = micro?.GetValueOrDefault(nameof(GuardBenchmarks))?.FirstOrDefault(f => f.Method == nameof(GuardBenchmarks.Guard_accepts))?.MedianNs;

            await Measure("cache miss", stats.CacheMissAsync);
            await Measure("partial failure", stats.PartialFailureAsync);
            await Measure("stampede", stats.StampedeAsync);
            await Measure("event to hub", () => new EventScenarios(env).EventToHubAsync());
            var hub = results.FirstOrDefault(r => r.Scenario.StartsWith("event to hub", StringComparison.Ordinal));
            // Chromium only when a browser scenario is to run.
            if (only.Length == 0 || only.Contains("event to screen") || only.Contains("circuits") || only.Contains("50 dashboards"))
            {
                await using var browser = new BrowserScenarios(env, dashboard);
                try
                {
                    await browser.StartAsync();
                    if (hub is not null) await Measure("event to screen", () => browser.EventToScreenAsync(hub));
                    await Measure("circuits", browser.CircuitsAsync);
                    await Measure("50 dashboards", browser.FiftyDashboardsAsync);
                }
                catch (PlaywrightException e)
                {
                    failures.Add($"browser: {e.Message}");
                    Console.WriteLine($"[{clock.Elapsed:mm\\:ss}]   FAILED to start the browser: {e.Message}");
                }
            }
            await Measure("internal auth", () => new AuthScenarios(env, dashboard).InternalAuthAsync(guardNs));
            await Measure("alerts", () => new AlertScenarios(env, token).FaultToAlertAsync());
            // Last: its simulated hospital activity changes the data the other scenarios read.
            await MeasureRows("hit rates", () => new HitRateScenarios(env, dashboard, token).HitRatesAsync());
            if (micro is not null && microTypes is null) results.AddRange(MicroRunner.ToResults(micro, stats.LastStatsBody.Length));
        }

        var run = new RunInfo(DateTimeOffset.UtcNow, env.Quick ? "quick" : "full", env.Quick ? "./bench.sh --quick" : "./bench.sh",
            $"{Environment.ProcessorCount} cores, {Environment.OSVersion.VersionString}, .NET {Environment.Version}");
        await File.WriteAllTextAsync(Path.Combine(env.RepoRoot, "bench-results.json"), BenchReport.ToJson(results, run));
        var table = BenchReport.ToMarkdown(results, run);
        Console.WriteLine();
        Console.WriteLine(table);
        if (args.Contains("--readme") && only.Length == 0)
        {
            var readme = Path.Combine(env.RepoRoot, "README.md");
            await File.WriteAllTextAsync(readme, BenchReport.ReplaceReadmeTable(await File.ReadAllTextAsync(readme), table));
            Console.WriteLine("README.md Performance table updated.");
        }
        Console.WriteLine($"bench-results.json written: {results.Count} results in {clock.Elapsed:mm\\:ss}.");
        foreach (var failure in failures) Console.WriteLine($"FAILED {failure}");
        return failures.Count == 0 ? 0 : 1;
    }
}
