using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorAdmin.Bench.Report;

/// <summary>How a figure stands against the seed's target and our own, stricter one.</summary>
public enum Verdict
{
    NotApplicable,
    MeetsOurs,
    MeetsSeedOnly,
    MissesSeed,
    /// <summary>A hit rate inside the seed's range (the seed gives a range, and we set none of our own).</summary>
    WithinSeedRange,
    /// <summary>A hit rate over the seed's range: more reads served from the cache than the seed asked for.</summary>
    AboveSeedRange,
}

/// <summary>One row of the table: what was measured, what it was compared with in the same run, and against which targets.</summary>
public sealed record ScenarioResult(
    string Scenario,
    string Measured,
    string Reference,
    string Ratio,
    string Target,
    Verdict Verdict,
    IReadOnlyDictionary<string, double> Figures,
    IReadOnlyDictionary<string, double> ReferenceFigures,
    string Method)
{
    public static Verdict Judge(double value, double seedLimit, double ourLimit) =>
        value < ourLimit ? Verdict.MeetsOurs : value < seedLimit ? Verdict.MeetsSeedOnly : Verdict.MissesSeed;
}

/// <summary>bench-results.json and the README table, both from the same results.</summary>
public static class BenchReport
{
    public const string ReadmeStart = "<!-- bench-table:start (written by ./bench.sh) -->";
    public const string ReadmeEnd = "<!-- bench-table:end -->";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A figure that could not be read (a metric or a tool missing) is written "NaN" rather than losing the whole run's results.
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string ToJson(IReadOnlyList<ScenarioResult> results, RunInfo run) =>
        JsonSerializer.Serialize(new { run, results }, Json);

    public static string ToMarkdown(IReadOnlyList<ScenarioResult> results, RunInfo run)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {run.MeasuredAt:yyyy-MM-dd HH:mm} UTC on {run.Machine} ({run.Mode} run, `{run.Command}`).");
        md.AppendLine();
        md.AppendLine("| scenario | measured | reference, same run | ratio | target: seed / ours | verdict |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in results)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Measured} | {r.Reference} | {r.Ratio} | {r.Target} | {Describe(r.Verdict)} |");
        return md.ToString();
    }

    public static string Describe(Verdict verdict) => verdict switch
    {
        Verdict.MeetsOurs => "meets both",
        Verdict.MeetsSeedOnly => "meets the seed's, not ours",
        Verdict.MissesSeed => "**misses the seed's**",
        Verdict.WithinSeedRange => "within the seed's range",
        Verdict.AboveSeedRange => "above the seed's range",
        _ => "—",
    };

    /// <summary>Replaces the table between the README's markers; the rest of the README is left as it is.</summary>
    public static string ReplaceReadmeTable(string readme, string table)
    {
        var start = readme.IndexOf(ReadmeStart, StringComparison.Ordinal);
        var end = readme.IndexOf(ReadmeEnd, StringComparison.Ordinal);
        if (start < 0 || end < start) throw new InvalidOperationException($"README has no '{ReadmeStart}' ... '{ReadmeEnd}' markers.");
        return string.Concat(readme.AsSpan(0, start + ReadmeStart.Length), "\n", table, readme.AsSpan(end));
    }

    public static string Ms(double value) => value < 10 ? value.ToString("0.00", CultureInfo.InvariantCulture) : value.ToString("0.0", CultureInfo.InvariantCulture);
}

public sealed record RunInfo(DateTimeOffset MeasuredAt, string Mode, string Command, string Machine);
