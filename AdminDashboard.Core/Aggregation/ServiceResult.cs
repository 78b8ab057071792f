using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Core.Aggregation;

/// <summary>How one service's part of a fan-out ended.</summary>
public enum SourceStatus
{
    /// <summary>Answered in time: the figures are current.</summary>
    Ok,

    /// <summary>Answered with an error, or could not be reached; no figures.</summary>
    Error,

    /// <summary>Did not answer within the deadline; no figures.</summary>
    Timeout,

    /// <summary>Failed now, but its last-known-good figures are shown, with their age.</summary>
    Stale,
}

public static class SourceStatusNames
{
    /// <summary>The status as the API, the metrics and the traces spell it: <c>ok</c>, <c>error</c>, <c>timeout</c>, <c>stale</c>.</summary>
    public static string WireName(this SourceStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>
/// One service's outcome in a fan-out: its value when it answered (or a last-known-good one, marked stale),
/// else why not, how long it took, and when the figures were fetched.
/// </summary>
public sealed record ServiceResult<T>(
    UpstreamService Service, SourceStatus Status, T? Value, string? Error, long ElapsedMs, DateTimeOffset? AsOf)
    where T : class
{
    public bool IsOk => Status == SourceStatus.Ok && Value is not null;

    public SourceReport ToReport() => new(Service.WireName(), Service.DisplayName(), Status, ElapsedMs, AsOf, null, Error);
}

/// <summary>
/// The envelope's <c>sources</c> entry for one service: what tools read instead of parsing warnings.
/// <c>AgeSeconds</c> is set only for a stale section: how old its figures were when the envelope was built.
/// </summary>
public sealed record SourceReport(
    string Service, string DisplayName, SourceStatus Status, long LatencyMs, DateTimeOffset? AsOf, long? AgeSeconds, string? Error)
{
    /// <summary>For a stale source, how old its figures are at <paramref name="now"/>; other sources unchanged.</summary>
    public SourceReport AgedAt(DateTimeOffset now) => Status == SourceStatus.Stale && AsOf is { } asOf
        ? this with { AgeSeconds = Math.Max(0, (long)(now - asOf).TotalSeconds) }
        : this;
}
