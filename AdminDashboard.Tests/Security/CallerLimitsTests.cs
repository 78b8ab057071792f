using System.Net;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Security;

/// <summary>Each caller spends its own budget: anonymous calls cannot starve a signed-in tool, and streams are few per user.</summary>
public sealed class CallerLimitsTests : IAsyncLifetime
{
    private readonly LimitedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Anonymous_calls_use_up_only_their_own_per_ip_bucket_never_a_signed_in_tools()
    {
        using var anonymous = _app.CreateApiClient(null);
        using var tool = _app.CreateApiClient(TestTokens.Admin());

        var anonymousAnswers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) anonymousAnswers.Add((await anonymous.GetAsync("/v1/admin/dashboard/stats")).StatusCode);
        var toolAnswers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) toolAnswers.Add((await tool.GetAsync("/v1/admin/dashboard/stats")).StatusCode);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], anonymousAnswers);
        Assert.All(toolAnswers, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task A_user_holds_at_most_the_configured_number_of_event_streams()
    {
        var token = TestTokens.CreateFor("stream-user", "Admin");
        using var client = _app.CreateApiClient(token);
        using var other = _app.CreateApiClient(TestTokens.CreateFor("someone-else", "Admin"));

        using var first = await client.GetAsync("/v1/admin/events", HttpCompletionOption.ResponseHeadersRead);
        using var second = await client.GetAsync("/v1/admin/events", HttpCompletionOption.ResponseHeadersRead);
        using var third = await client.GetAsync("/v1/admin/events", HttpCompletionOption.ResponseHeadersRead);
        using var othersFirst = await other.GetAsync("/v1/admin/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, othersFirst.StatusCode);
    }

    /// <summary>Two anonymous calls per IP, plenty per user, two streams per user.</summary>
    private sealed class LimitedApp : DashboardAppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimit:PermitsPerIp", "2");
            builder.UseSetting("RateLimit:PermitsPerUser", "1000");
            builder.UseSetting("RateLimit:StreamsPerUser", "2");
            builder.UseSetting("RateLimit:WindowSeconds", "3600");
        }
    }
}
