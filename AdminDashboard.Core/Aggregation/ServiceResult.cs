using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Core.Aggregation;

/// <summary>How one service's part of a fan-out ended.</summary>
public enum SourceStatus
{
    Ok,
    Error,
    Timeout,
}

/// <summary>One service's outcome in a fan-out: its value when it answered, else why not, and how long it took.</summary>
public sealed record ServiceResult<T>(UpstreamService Service, SourceStatus Status, T? Value, string? Error, long ElapsedMs, DateTimeOffset CompletedAt)
    where T : class
{
    public bool IsOk => Status == SourceStatus.Ok && Value is not null;

    public SourceReport ToReport() => new(Service.WireName(), Service.DisplayName(), Status, ElapsedMs, IsOk ? CompletedAt : null, Error);
}

/// <summary>The envelope's <c>sources</c> entry for one service: what tools read instead of parsing warnings.</summary>
public sealed record SourceReport(string Service, string DisplayName, SourceStatus Status, long LatencyMs, DateTimeOffset? AsOf, string? Error);
