using AdminDashboard.Auth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace AdminDashboard.Tests.Configuration;

public sealed class DashboardAuthOptionsTests
{
    private static readonly (string, string?)[] EntraId =
    [
        ("AzureAd:Instance", "https://login.microsoftonline.com/"),
        ("AzureAd:TenantId", "11111111-2222-3333-4444-555555555555"),
        ("AzureAd:ClientId", "66666666-7777-8888-9999-000000000000"),
    ];

    private static IReadOnlyList<string> Validate(string environment, bool developmentSignIn, params (string, string?)[] settings) =>
        new ValidateDashboardAuth(OptionsValidation.Settings(settings), new HostingEnvironment { EnvironmentName = environment })
            .Failures(new DashboardAuthOptions { DevelopmentSignIn = developmentSignIn });

    [Fact]
    public void Development_sign_in_in_development_and_entra_id_in_production_pass()
    {
        Assert.Empty(Validate(Environments.Development, developmentSignIn: true));
        Assert.Empty(Validate(Environments.Production, developmentSignIn: false, EntraId));
    }

    [Fact]
    public void Development_sign_in_outside_development_is_refused_naming_the_key()
    {
        var failure = Assert.Single(Validate(Environments.Staging, developmentSignIn: true, EntraId));

        Assert.StartsWith("Auth:DevelopmentSignIn may only be enabled in the Development environment", failure);
    }

    [Fact]
    public void Production_without_entra_id_is_refused_saying_what_to_set()
    {
        var failure = Assert.Single(Validate(Environments.Production, developmentSignIn: false));

        Assert.StartsWith("No sign-in is configured for the Production environment", failure);
        Assert.Contains("AzureAd:ClientId", failure);
    }

    [Theory]
    [InlineData("AzureAd:Instance")]
    [InlineData("AzureAd:TenantId")]
    public void An_entra_id_client_without_its_tenant_settings_is_refused_naming_the_missing_key(string missing)
    {
        var failure = Assert.Single(Validate(Environments.Development, developmentSignIn: false, [.. EntraId.Where(s => s.Item1 != missing)]));

        Assert.StartsWith(missing + " is required", failure);
    }

    [Fact]
    public void Every_sign_in_problem_is_reported_at_once()
    {
        var failures = Validate(Environments.Production, developmentSignIn: true, ("AzureAd:ClientId", "66666666-7777-8888-9999-000000000000"));

        Assert.Equal(3, failures.Count);
    }
}
