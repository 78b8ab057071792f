using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BlazorAdmin.Bench.Report;

namespace BlazorAdmin.Bench.Micro;

/// <summary>Runs the BenchmarkDotNet classes in this process and turns each into a row of the table.</summary>
public static class MicroRunner
{
    public sealed record Figure(string Method, double MedianNs, long? AllocatedBytes);

    /// <summary>All three classes by default; <paramref name="only"/> for a run that needs one figure (e.g. the guard check).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Figure>> Run(bool quick, string artifactsDir, IReadOnlyList<Type>? only = null)
    {
        var job = (quick ? Job.ShortRun : Job.Default.WithWarmupCount(5).WithIterationCount(15))
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(MarkdownExporter.GitHub)
            .AddLogger(ConsoleLogger.Default)
            .WithArtifactsPath(Path.Combine(artifactsDir, "BenchmarkDotNet"))
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
        var summaries = BenchmarkRunner.Run(only?.ToArray() ?? [typeof(AggregationBenchmarks), typeof(SerializationBenchmarks), typeof(GuardBenchmarks)], config);
        return summaries.SelectMany(s => s.Reports)
            .GroupBy(r => r.BenchmarkCase.Descriptor.Type.Name)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Figure>)g.Select(ToFigure).ToList());
    }

    private static Figure ToFigure(BenchmarkReport r) => new(
        r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
        r.ResultStatistics?.Median ?? double.NaN,
        r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase));

    public static IEnumerable<ScenarioResult> ToResults(IReadOnlyDictionary<string, IReadOnlyList<Figure>> figures, int statsBodyBytes)
    {
        string Time(double ns) => ns < 1_000 ? $"{ns:0.0} ns" : ns < 1_000_000 ? $"{ns / 1_000:0.00} µs" : $"{ns / 1_000_000:0.00} ms";
        string Alloc(long? bytes) => bytes is null ? "" : $", {bytes:N0} B";
        ScenarioResult Row(string name, string type, string target, string method)
        {
            var list = figures.TryGetValue(type, out var l) ? l : [];
            var baseline = list.First();
            var rest = list.Skip(1).ToList();
            return new ScenarioResult(
                name,
                string.Join("; ", rest.Select(f => $"{f.Method} {Time(f.MedianNs)}{Alloc(f.AllocatedBytes)}")),
                $"{baseline.Method} {Time(baseline.MedianNs)}{Alloc(baseline.AllocatedBytes)}",
                string.Join("; ", rest.Select(f => $"×{f.MedianNs / baseline.MedianNs:0.#}")),
                target,
                Verdict.NotApplicable,
                list.ToDictionary(f => $"{f.Method}.medianNs", f => f.MedianNs),
                new Dictionary<string, double>(),
                method);
        }
        yield return Row("aggregation (micro)", nameof(AggregationBenchmarks), "—",
            "BenchmarkDotNet, in process: the product's fan-out over five in-memory answers (deadline, results, timing, metrics) and the envelope it builds, " +
            "beside a bare Task.WhenAll of the same five calls.");
        yield return Row("serialization (micro)", nameof(SerializationBenchmarks), "—",
            $"BenchmarkDotNet: the captured stats answer ({statsBodyBytes:N0} bytes) parsed as the Redis cache reads it (string), from UTF-8, and written back, " +
            "beside copying the cached bytes as the no-logic reference does.");
        yield return Row("guard check (micro)", nameof(GuardBenchmarks), "— (constant time matters more than speed)",
            "BenchmarkDotNet: InternalRequestGuard.IsAllowed with the right and a wrong secret, beside a naive ordinal comparison.");
    }
}
