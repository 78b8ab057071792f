using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Caching;

public enum CacheProvider
{
    Memory,
    Redis,
}

/// <summary><c>Redis</c> part of the <c>Cache</c> section: how hard to try before falling back.</summary>
public sealed class RedisCacheOptions
{
    /// <summary>Each Redis call gets this long; a cache slower than that is worse than none.</summary>
    public int OperationTimeoutMs { get; set; } = 150;

    public int ConnectTimeoutMs { get; set; } = 2000;

    /// <summary>How often the multiplexer retries a lost connection.</summary>
    public int ReconnectIntervalMs { get; set; } = 1000;

    /// <summary>After Redis fails repeatedly, leave it alone this long before trying again.</summary>
    public int BreakSeconds { get; set; } = 5;
}

/// <summary><c>Cache</c> section, plus <c>ConnectionStrings:Redis</c>.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";
    public const string ConnectionStringName = "Redis";

    public CacheProvider Provider { get; set; } = CacheProvider.Memory;

    public RedisCacheOptions Redis { get; set; } = new();

    /// <summary>From <c>ConnectionStrings:Redis</c>, e.g. <c>localhost:6379</c>.</summary>
    public string? RedisConnectionString { get; set; }
}

public sealed class ValidateCacheOptions : IValidateOptions<CacheOptions>
{
    public ValidateOptionsResult Validate(string? name, CacheOptions o)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(o.Provider))
            errors.Add($"{CacheOptions.SectionName}:Provider must be Memory or Redis; got '{o.Provider}'.");
        if (o.Provider == CacheProvider.Redis)
        {
            if (string.IsNullOrWhiteSpace(o.RedisConnectionString))
                errors.Add($"ConnectionStrings:{CacheOptions.ConnectionStringName} is required when {CacheOptions.SectionName}:Provider=Redis (e.g. localhost:6379; env ConnectionStrings__Redis).");
            else
            {
                try { StackExchange.Redis.ConfigurationOptions.Parse(o.RedisConnectionString); }
                catch (ArgumentException e) { errors.Add($"ConnectionStrings:{CacheOptions.ConnectionStringName} is not a valid Redis connection string: {e.Message}"); }
            }
        }
        if (o.Redis.OperationTimeoutMs is < 10 or > 10_000)
            errors.Add($"{CacheOptions.SectionName}:Redis:OperationTimeoutMs must be between 10 and 10000; got {o.Redis.OperationTimeoutMs}.");
        if (o.Redis.ConnectTimeoutMs is < 100 or > 60_000)
            errors.Add($"{CacheOptions.SectionName}:Redis:ConnectTimeoutMs must be between 100 and 60000; got {o.Redis.ConnectTimeoutMs}.");
        if (o.Redis.ReconnectIntervalMs is < 100 or > 60_000)
            errors.Add($"{CacheOptions.SectionName}:Redis:ReconnectIntervalMs must be between 100 and 60000; got {o.Redis.ReconnectIntervalMs}.");
        if (o.Redis.BreakSeconds is < 1 or > 300)
            errors.Add($"{CacheOptions.SectionName}:Redis:BreakSeconds must be between 1 and 300; got {o.Redis.BreakSeconds}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
