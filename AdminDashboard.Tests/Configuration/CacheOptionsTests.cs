using AdminDashboard.Core.Caching;

namespace AdminDashboard.Tests.Configuration;

public sealed class CacheOptionsTests
{
    private static IReadOnlyList<string> Validate(string? connectionString, params (string, string?)[] settings)
    {
        var options = OptionsValidation.Bind<CacheOptions>(CacheOptions.SectionName, settings);
        options.RedisConnectionString = connectionString;
        return new ValidateCacheOptions().Failures(options);
    }

    [Fact]
    public void Memory_by_default_and_redis_with_a_connection_string_pass()
    {
        Assert.Empty(Validate(null));
        Assert.Empty(Validate("localhost:6379", ("Cache:Provider", "Redis")));
    }

    [Fact]
    public void Redis_without_a_connection_string_is_refused_naming_the_key()
    {
        var failure = Assert.Single(Validate(null, ("Cache:Provider", "Redis")));

        Assert.StartsWith("ConnectionStrings:Redis is required when Cache:Provider=Redis", failure);
    }

    [Theory]
    [InlineData("Cache:Redis:OperationTimeoutMs", "9")]
    [InlineData("Cache:Redis:ConnectTimeoutMs", "99")]
    [InlineData("Cache:Redis:ReconnectIntervalMs", "60001")]
    [InlineData("Cache:Redis:BreakSeconds", "0")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value)
    {
        OptionsValidation.AssertRefusedNaming(Validate(null, (key, value)), key, value);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var failures = Validate(null, ("Cache:Provider", "Redis"), ("Cache:Redis:OperationTimeoutMs", "0"), ("Cache:Redis:BreakSeconds", "0"));

        Assert.Equal(3, failures.Count);
    }
}
