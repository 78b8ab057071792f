namespace AdminDashboard.Core.Aggregation;

/// <summary>
/// How a source's state is put into words, everywhere an admin or a tool reads it: the envelope's warnings, the
/// page's banner, chips and captions, and the health reasons. One place, so the page and the API never disagree.
/// </summary>
public static class SourceWording
{
    private const string ServiceUnavailable = "service unavailable";

    /// <summary>The envelope's warning: the seed's wording, then the reason; for stale figures, their age.</summary>
    public static string Warning(SourceReport source) => source.Status == SourceStatus.Stale
        ? $"{source.DisplayName} figures are {Age(source)} old: {ServiceUnavailable}"
        : $"{source.DisplayName} service temporarily unavailable: {source.Error}";

    /// <summary>An age an admin reads at a glance: <c>42 s</c>, <c>4 min</c>, <c>2 h 5 min</c>.</summary>
    public static string DescribeAge(long seconds) => seconds switch
    {
        < 60 => $"{seconds} s",
        < 3600 => $"{seconds / 60} min",
        _ => $"{seconds / 3600} h {seconds % 3600 / 60} min",
    };

    /// <summary>How old a stale source's figures were when its envelope was built.</summary>
    public static string Age(SourceReport source) => DescribeAge(source.AgeSeconds ?? 0);

    /// <summary>The chip on a section: <c>live</c>, <c>timed out</c>, <c>stale · 4 min old</c>, <c>unavailable</c>.</summary>
    public static string Chip(SourceReport source) => source.Status switch
    {
        SourceStatus.Ok => "live",
        SourceStatus.Timeout => "timed out",
        SourceStatus.Stale => $"stale · {Age(source)} old",
        _ => "unavailable",
    };

    /// <summary>In place of a section whose service gave no figures.</summary>
    public static string FiguresUnavailable(SourceReport? source) => $"Figures unavailable: {source?.Error ?? "the service did not answer"}";

    /// <summary>Above a section shown from last-known-good: <c>Figures from 14:02 (4 min old): why</c>.</summary>
    public static string FiguresFrom(string fetchedAt, SourceReport source) => $"Figures from {fetchedAt} ({Age(source)} old): {source.Error}";

    /// <summary>Under a headline figure shown from last-known-good: <c>4 min old: service unavailable</c>; null when not stale.</summary>
    public static string? StaleCaption(SourceReport? source) =>
        source is { Status: SourceStatus.Stale } ? $"{Age(source)} old: {ServiceUnavailable}" : null;

    /// <summary>In place of a headline figure whose service gave none.</summary>
    public static string Unavailable(string displayName) => $"{displayName} {ServiceUnavailable}";

    /// <summary>The banner's one line: <c>1 of 5 sources unavailable: Billing timed out</c>.</summary>
    public static string BannerSummary(IReadOnlyList<SourceReport> sources)
    {
        var missing = sources.Where(s => s.Status != SourceStatus.Ok).ToList();
        if (missing.Count == 0) return "Some figures are missing.";
        var word = missing.All(s => s.Status == SourceStatus.Stale) ? "stale" : "unavailable";
        var reasons = string.Join(", ", missing.Select(s => $"{s.DisplayName} {BannerReason(s)}"));
        return $"{missing.Count} of {sources.Count} sources {word}: {reasons}";
    }

    private static string BannerReason(SourceReport source) => source.Status switch
    {
        SourceStatus.Timeout => "timed out",
        SourceStatus.Error => "failed",
        SourceStatus.Stale => $"failed, showing figures {Age(source)} old",
        _ => source.Status.WireName(),
    };

    // The health page's reasons for a service's state.

    public static string NotReachable(string? error) => $"not reachable: {error}";

    public static string LastCallFailed(string? error) => $"last call failed: {error}";

    public static string FailingOften(double errorRate, int calls) => $"{errorRate:P0} of the last {calls} calls failed";

    public static string Slow(double p95Ms, int deadlineMs) => $"slow: p95 {p95Ms:0} ms against a {deadlineMs} ms deadline";

    public const string NotCalledYet = "not called yet";

    public const string Answering = "answering";

    /// <summary>The upstream health check's description: <c>Down: Billing; degraded: none.</c></summary>
    public static string DownAndDegraded(IReadOnlyList<string> down, IReadOnlyList<string> degraded)
    {
        static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
        return $"Down: {List(down)}; degraded: {List(degraded)}.";
    }
}
