using System.Globalization;

namespace BlazorAdmin.Bench.Hosting;

/// <summary>One read of the dashboard's /metrics (Prometheus text), summed by metric name across its series.</summary>
public sealed class MetricsScrape
{
    private readonly string[] _lines;

    private MetricsScrape(string text) => _lines = text.Split('\n');

    public static async Task<MetricsScrape> ReadAsync(HttpClient dashboard) => new(await dashboard.GetStringAsync("/metrics"));

    /// <summary>The sum of every series of <paramref name="name"/> (optionally only those whose labels contain a text); null when there is none.</summary>
    public double? Sum(string name, string? labelsContain = null)
    {
        var series = _lines
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(l => labelsContain is null || l.Contains(labelsContain, StringComparison.Ordinal))
            .ToList();
        // After the labels (or the name): the value, then possibly a timestamp.
        return series.Count == 0 ? null : series.Sum(l =>
            double.Parse(l[(Math.Max(l.LastIndexOf('}'), name.Length - 1) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }
}
