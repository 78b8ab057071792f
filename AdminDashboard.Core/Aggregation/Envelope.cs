namespace AdminDashboard.Core.Aggregation;

/// <summary>
/// The seed's envelope: <c>{ success, data, warnings, partial }</c>, plus <c>sources</c> with one entry per service.
/// </summary>
public sealed record ApiEnvelope<T>(bool Success, T? Data, IReadOnlyList<string> Warnings, bool Partial, IReadOnlyList<SourceReport> Sources)
{
    /// <summary>Set on chart answers (the stats answer carries it in <c>data</c>, as the seed does).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? FromCache { get; init; }
}

public static class Envelope
{
    /// <summary>The envelope of an answer from one service (a chart): its warning when it failed, its one source.</summary>
    public static ApiEnvelope<T> Of<T>(ServiceResult<T> result, DateTimeOffset now) where T : class
    {
        var source = result.ToReport().AgedAt(now);
        var warnings = source.Status == SourceStatus.Ok ? [] : new[] { SourceWording.Warning(source) };
        return new ApiEnvelope<T>(result.Value is not null, result.Value, warnings, source.Status != SourceStatus.Ok, [source]);
    }
}
