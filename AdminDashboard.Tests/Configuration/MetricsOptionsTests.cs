using AdminDashboard.Observability;

namespace AdminDashboard.Tests.Configuration;

public sealed class MetricsOptionsTests
{
    private static IReadOnlyList<string> Validate(string? token) =>
        new ValidateMetricsOptions().Failures(OptionsValidation.Bind<MetricsOptions>(MetricsOptions.SectionName, ("Metrics:ScrapeToken", token)));

    [Fact]
    public void No_token_or_a_long_enough_one_passes()
    {
        Assert.Empty(Validate(null));
        Assert.Empty(Validate("a-scrape-token-of-enough-length"));
    }

    [Fact]
    public void A_short_token_is_refused_naming_its_key()
    {
        OptionsValidation.AssertRefusedNaming(Validate("short"), "Metrics:ScrapeToken", "5");
    }
}
