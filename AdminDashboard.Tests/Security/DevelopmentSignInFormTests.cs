using System.Net;
using System.Text.RegularExpressions;
using AdminDashboard.Auth;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Tests.Security;

/// <summary>The development sign-in through the real form, with its antiforgery token, redirects not followed.</summary>
public sealed partial class DevelopmentSignInFormTests
{
    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Posts the sign-in form as a browser would: the login page's token and cookie, then the form.</summary>
    internal static async Task<HttpResponseMessage> PostDevelopmentSignInAsync(HttpClient client, CookieContainer cookies, Uri server, string token)
    {
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("returnUrl", "/")]);
        return await client.PostAsync(AuthPolicies.DevelopmentSignInPath, form);
    }

    internal static async Task<string> AntiforgeryTokenAsync(HttpClient client, string loginPage = AuthPolicies.LoginPath)
    {
        var html = await client.GetStringAsync(loginPage);
        return WebUtility.HtmlDecode(AntiforgeryField().Match(html) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException("no antiforgery field on the sign-in page: " + html[..Math.Min(html.Length, 200)]));
    }

    [Fact]
    public async Task In_development_the_form_signs_in_and_the_dashboard_opens()
    {
        await using var app = new DashboardAppFactory();
        app.StartServer();
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = app.ServerUrl };

        using var signIn = await PostDevelopmentSignInAsync(client, cookies, app.ServerUrl, await AntiforgeryTokenAsync(client));
        using var dashboard = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(cookies.GetCookies(app.ServerUrl), c => c.Name == AuthPolicies.CookieName);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task Outside_development_the_form_with_a_valid_antiforgery_token_is_404_and_sets_no_cookie()
    {
        await using var app = new DashboardAppFactory
        {
            EnvironmentName = "Production",
            Settings =
            {
                ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
                ["AzureAd:TenantId"] = "11111111-2222-3333-4444-555555555555",
                ["AzureAd:ClientId"] = "66666666-7777-8888-9999-000000000000",
                ["AzureAd:ClientSecret"] = "not-a-real-secret",
            },
        };
        app.StartServer();
        // The page offers no such form here, so the token is minted by the app's own antiforgery service, as the page would.
        var antiforgery = app.Services.GetRequiredService<IAntiforgery>();
        var mint = new DefaultHttpContext { RequestServices = app.Services };
        var tokens = antiforgery.GetAndStoreTokens(mint);
        var cookieName = app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
        var cookies = new CookieContainer();
        cookies.Add(app.ServerUrl, new Cookie(cookieName, tokens.CookieToken));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = app.ServerUrl };

        using var response = await PostDevelopmentSignInAsync(client, cookies, app.ServerUrl, tokens.RequestToken!);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var set) ? set : []));
        Assert.DoesNotContain(cookies.GetCookies(app.ServerUrl), c => c.Name == AuthPolicies.CookieName);
    }
}
