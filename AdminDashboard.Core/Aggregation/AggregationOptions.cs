using AdminDashboard.Core.Caching;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Aggregation;

/// <summary><c>Aggregation</c> section: how long a fan-out may take, and how long its answers are kept.</summary>
public sealed class AggregationOptions
{
    public const string SectionName = "Aggregation";

    /// <summary>One deadline for the whole fan-out, so a hanging service cannot hold the response past it.</summary>
    public int DeadlineMs { get; set; } = 250;

    /// <summary>A complete aggregate is cached this long; by default its family's TTL in <see cref="CacheKeys"/> (the seed's 30 s).</summary>
    public int StatsTtlSeconds { get; set; } = (int)CacheKeys.TtlOf(CacheKeys.Stats).TotalSeconds;

    /// <summary>A partial aggregate is cached only briefly, so a service that recovers shows up within seconds.</summary>
    public int PartialStatsTtlSeconds { get; set; } = 3;

    /// <summary>One fan-out at start-up (not cached) so the first admin does not pay for cold code paths.</summary>
    public bool WarmUp { get; set; } = true;

    public TimeSpan Deadline => TimeSpan.FromMilliseconds(DeadlineMs);
}

public sealed class ValidateAggregationOptions : IValidateOptions<AggregationOptions>
{
    public ValidateOptionsResult Validate(string? name, AggregationOptions o)
    {
        var errors = new List<string>();
        if (o.DeadlineMs is < 20 or > 30_000)
            errors.Add($"{AggregationOptions.SectionName}:DeadlineMs must be between 20 and 30000; got {o.DeadlineMs}.");
        if (o.StatsTtlSeconds is < 1 or > 30)
            errors.Add($"{AggregationOptions.SectionName}:StatsTtlSeconds must be between 1 and 30 (the stats key lives at most 30 s); got {o.StatsTtlSeconds}.");
        if (o.PartialStatsTtlSeconds < 0 || o.PartialStatsTtlSeconds > o.StatsTtlSeconds)
            errors.Add($"{AggregationOptions.SectionName}:PartialStatsTtlSeconds must be between 0 and StatsTtlSeconds; got {o.PartialStatsTtlSeconds}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
