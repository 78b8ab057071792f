using AdminDashboard.Components;

namespace AdminDashboard.Tests.Configuration;

public sealed class DashboardUiOptionsTests
{
    private static IReadOnlyList<string> Validate(params (string, string?)[] settings) =>
        new ValidateDashboardUiOptions().Failures(OptionsValidation.Bind<DashboardUiOptions>(DashboardUiOptions.SectionName, settings));

    [Fact]
    public void The_defaults_and_the_extremes_pass()
    {
        Assert.Empty(Validate());
        Assert.Empty(Validate(("Dashboard:RefreshSeconds", "3600"), ("Dashboard:LiveRefetchWindowMs", "0")));
    }

    [Theory]
    [InlineData("Dashboard:RefreshSeconds", "0")]
    [InlineData("Dashboard:RefreshSeconds", "3601")]
    [InlineData("Dashboard:LiveRefetchWindowMs", "-1")]
    [InlineData("Dashboard:LiveRefetchWindowMs", "10001")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value)
    {
        OptionsValidation.AssertRefusedNaming(Validate((key, value)), key, value);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var failures = Validate(("Dashboard:RefreshSeconds", "0"), ("Dashboard:LiveRefetchWindowMs", "-1"));

        Assert.Equal(2, failures.Count);
    }
}
