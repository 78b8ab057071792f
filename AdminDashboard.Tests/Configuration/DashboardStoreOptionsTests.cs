using AdminDashboard.Core.Store;

namespace AdminDashboard.Tests.Configuration;

public sealed class DashboardStoreOptionsTests
{
    private static IReadOnlyList<string> Validate(params (string, string?)[] settings) =>
        new ValidateDashboardStoreOptions().Failures(OptionsValidation.Bind<DashboardStoreOptions>(DashboardStoreOptions.SectionName, settings));

    [Fact]
    public void The_defaults_and_the_extremes_pass()
    {
        Assert.Empty(Validate());
        Assert.Empty(Validate(("Dashboard:RefreshSeconds", "1")));
        Assert.Empty(Validate(("Dashboard:RefreshSeconds", "3600")));
    }

    [Theory]
    [InlineData("Dashboard:RefreshSeconds", "0")]
    [InlineData("Dashboard:RefreshSeconds", "3601")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value)
    {
        OptionsValidation.AssertRefusedNaming(Validate((key, value)), key, value);
    }
}
