using System.Net;
using System.Net.Http.Headers;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Security;

/// <summary>Outside Development /metrics answers the scraper's credential (or an Admin), nobody else.</summary>
public sealed class MetricsAccessTests : IAsyncLifetime
{
    private const string ScrapeToken = "prometheus-scrape-token-for-tests";

    private readonly DashboardAppFactory _production = new()
    {
        EnvironmentName = "Production",
        Settings =
        {
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = "11111111-2222-3333-4444-555555555555",
            ["AzureAd:ClientId"] = "66666666-7777-8888-9999-000000000000",
            ["AzureAd:ClientSecret"] = "not-a-real-secret",
            ["Metrics:ScrapeToken"] = ScrapeToken,
        },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _production.DisposeAsync();

    private async Task<HttpStatusCode> ScrapeAsync(string? bearer)
    {
        _production.StartServer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _production.ServerUrl };
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await client.GetAsync("/metrics");
        return response.StatusCode;
    }

    [Fact]
    public async Task Outside_development_metrics_refuses_an_anonymous_caller_and_a_wrong_token_and_answers_the_scrapers()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeAsync(ScrapeToken + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeAsync(TestTokens.Admin()));
        Assert.Equal(HttpStatusCode.OK, await ScrapeAsync(ScrapeToken));
    }
}
