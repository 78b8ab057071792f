using System.Net;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Security;

/// <summary>
/// The one-click development admin answers only a client on this machine and never where Entra ID is configured.
/// Every request carries a real antiforgery token, so a 404 here is the sign-in refusing, not antiforgery's 400.
/// </summary>
public sealed class DevelopmentSignInTests
{
    private const string ClientElsewhere = "203.0.113.7";

    [Fact]
    public async Task In_development_a_client_on_this_machine_is_signed_in()
    {
        await using var app = new DashboardAppFactory();

        using var response = await DevelopmentSignInForm.PostAsync(app);

        Assert.True(DevelopmentSignInForm.IsSignedIn(response), $"{response.StatusCode}");
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_a_client_elsewhere_gets_404_and_no_cookie()
    {
        await using var app = new DashboardAppFactory { Settings = { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" } };

        using var response = await DevelopmentSignInForm.PostAsync(app, new Dictionary<string, string> { ["X-Forwarded-For"] = ClientElsewhere });
        using var wallScreen = await DevelopmentSignInForm.PostAsync(app, new Dictionary<string, string> { ["X-Forwarded-For"] = ClientElsewhere },
            AdminDashboard.Auth.DevelopmentSignIn.WallScreenAccount);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(DevelopmentSignInForm.SetsTheAuthCookie(response));
        Assert.Equal(HttpStatusCode.NotFound, wallScreen.StatusCode);
        Assert.False(DevelopmentSignInForm.SetsTheAuthCookie(wallScreen));
    }

    [Fact]
    public async Task Forwarded_headers_from_a_sender_not_named_as_a_proxy_are_ignored()
    {
        // No ForwardedHeaders configured: a client claiming to be elsewhere is still seen as the loopback client it is.
        await using var app = new DashboardAppFactory();

        using var response = await DevelopmentSignInForm.PostAsync(app, new Dictionary<string, string> { ["X-Forwarded-For"] = ClientElsewhere });

        Assert.True(DevelopmentSignInForm.IsSignedIn(response), $"{response.StatusCode}");
    }

    [Fact]
    public async Task With_entra_id_configured_it_is_off_even_in_development_and_not_offered()
    {
        await using var app = new DashboardAppFactory
        {
            Settings =
            {
                ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
                ["AzureAd:TenantId"] = OidcStub.TenantId,
                ["AzureAd:ClientId"] = OidcStub.ClientId,
            },
        };

        using var response = await DevelopmentSignInForm.PostAsync(app);
        using var wallScreen = await DevelopmentSignInForm.PostAsync(app, account: AdminDashboard.Auth.DevelopmentSignIn.WallScreenAccount);
        using var client = app.CreateApiClient(null);
        var page = await client.GetStringAsync("/account/login");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(DevelopmentSignInForm.SetsTheAuthCookie(response));
        Assert.Equal(HttpStatusCode.NotFound, wallScreen.StatusCode);
        Assert.False(DevelopmentSignInForm.SetsTheAuthCookie(wallScreen));
        Assert.DoesNotContain("dev-signin", page);
        Assert.Contains("Sign in with Microsoft", page);
    }
}
