using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Caching;

public enum CacheProvider
{
    Memory,
    Redis,
}

/// <summary><c>Cache</c> section: which implementation of the cache the dashboard uses.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    public CacheProvider Provider { get; set; } = CacheProvider.Memory;
}

public sealed class ValidateCacheOptions : IValidateOptions<CacheOptions>
{
    public ValidateOptionsResult Validate(string? name, CacheOptions options) => options.Provider switch
    {
        CacheProvider.Memory => ValidateOptionsResult.Success,
        CacheProvider.Redis => ValidateOptionsResult.Fail("Cache:Provider=Redis is not available in this version yet; use Memory."),
        _ => ValidateOptionsResult.Fail($"Cache:Provider must be Memory or Redis; got '{options.Provider}'."),
    };
}
