using AdminDashboard.Api;

namespace AdminDashboard.Tests.Configuration;

public sealed class RateLimitOptionsTests
{
    private static IReadOnlyList<string> Validate(params (string, string?)[] settings) =>
        new ValidateRateLimitOptions().Failures(OptionsValidation.Bind<RateLimitOptions>(RateLimitOptions.SectionName, settings));

    [Fact]
    public void The_defaults_and_a_tuned_limit_pass()
    {
        Assert.Empty(Validate());
        Assert.Empty(Validate(("RateLimit:PermitsPerUser", "5"), ("RateLimit:PermitsPerIp", "10"), ("RateLimit:WindowSeconds", "3600")));
    }

    [Theory]
    [InlineData("RateLimit:PermitsPerUser", "0")]
    [InlineData("RateLimit:PermitsPerIp", "0")]
    [InlineData("RateLimit:StreamsPerUser", "0")]
    [InlineData("RateLimit:WindowSeconds", "0")]
    [InlineData("RateLimit:WindowSeconds", "3601")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value)
    {
        OptionsValidation.AssertRefusedNaming(Validate((key, value)), key, value);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var failures = Validate(("RateLimit:PermitsPerUser", "0"), ("RateLimit:PermitsPerIp", "-1"), ("RateLimit:WindowSeconds", "0"));

        Assert.Equal(3, failures.Count);
    }
}
