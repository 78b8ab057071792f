namespace BlazorAdmin.Bench.Load;

/// <summary>Percentiles of a set of latencies (nearest rank), in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0) throw new InvalidOperationException("No samples to summarise: every request failed or none was sent.");
        return new LatencySummary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile of an ascending array: the smallest sample with at least p% of samples at or below it.</summary>
    public static double Percentile(double[] ascending, double p)
    {
        if (ascending.Length == 0) throw new ArgumentException("No samples.", nameof(ascending));
        var rank = (int)Math.Ceiling(p / 100.0 * ascending.Length);
        return ascending[Math.Clamp(rank, 1, ascending.Length) - 1];
    }

    public static double Median(IEnumerable<double> values) => Percentile(values.Order().ToArray(), 50);
}
