using System.Net;
using AdminDashboard.Auth;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Tests.Security;

public sealed class StartupAndLimitsTests
{
    [Fact]
    public async Task Production_without_an_identity_configuration_refuses_to_start_and_says_what_to_set()
    {
        await using var app = new DashboardAppFactory { EnvironmentName = "Production" };

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.StartServer());

        Assert.Contains("No sign-in is configured for the Production environment", error.Message);
        Assert.Contains("AzureAd:ClientId", error.Message);
    }

    [Fact]
    public async Task Outside_development_the_development_gateway_secret_is_refused_at_start_up()
    {
        await using var app = new DashboardAppFactory
        {
            EnvironmentName = "Staging",
            Settings =
            {
                ["Internal:GatewaySecret"] = AdminDashboard.Core.Upstream.ValidateInternalOptions.DevelopmentDefault,
                ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
                ["AzureAd:TenantId"] = "11111111-2222-3333-4444-555555555555",
                ["AzureAd:ClientId"] = "66666666-7777-8888-9999-000000000000",
            },
        };

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.StartServer());

        Assert.Contains("GatewaySecret is the development default", error.Message);
    }

    [Fact]
    public async Task Production_with_entra_id_starts_and_accepts_no_development_token()
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

        using var client = app.CreateApiClient(TestTokens.Admin());
        using var api = await client.GetAsync("/v1/admin/dashboard/stats");
        using var page = await client.GetAsync("/account/login");
        using var devSignIn = await new HttpClient { BaseAddress = app.ServerUrl }.PostAsync("/account/dev-signin", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains("Sign in with Microsoft", await page.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Sign in as development admin", await page.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.Redirect, devSignIn.StatusCode);
        Assert.False(devSignIn.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_api_answers_429_with_retry_after_past_the_limit_and_recovers_after_the_window()
    {
        await using var limited = new LimitedApp();
        using var client = limited.CreateApiClient(TestTokens.Admin());

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await client.GetAsync("/v1/admin/dashboard/stats");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused ??= response;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(4));
        Assert.NotNull(refused);
        Assert.True(int.Parse(refused!.Headers.GetValues("Retry-After").Single()) is >= 1 and <= 3);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        await Task.Delay(TimeSpan.FromSeconds(3.2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/admin/dashboard/stats")).StatusCode);
    }

    /// <summary>The dashboard with 4 requests per 3 s per user.</summary>
    private sealed class LimitedApp : DashboardAppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimit:PermitsPerUser", "4");
            builder.UseSetting("RateLimit:WindowSeconds", "3");
        }
    }
}
