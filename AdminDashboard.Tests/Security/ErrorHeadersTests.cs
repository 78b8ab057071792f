using System.Net;
using AdminDashboard.Audit;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Security;

/// <summary>A 500 carries the same security headers as any answer: an error page is still a page.</summary>
public sealed class ErrorHeadersTests : IAsyncLifetime
{
    private readonly BrokenAuditApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_500_carries_the_csp_nosniff_and_frame_headers()
    {
        using var client = _app.CreateApiClient(TestTokens.Admin());

        using var response = await client.GetAsync("/v1/admin/dashboard/stats");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    /// <summary>The audit sink fails, so every audited call ends in an unhandled exception.</summary>
    private sealed class BrokenAuditApp : DashboardAppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IAuditSink, ThrowingSink>());
        }
    }

    private sealed class ThrowingSink : IAuditSink
    {
        public void Append(AuditEntry entry) => throw new InvalidOperationException("the audit store is broken");

        public IReadOnlyList<AuditEntry> Recent(int count) => [];
    }
}
