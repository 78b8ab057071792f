using System.Net;
using AdminDashboard.Api;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AdminDashboard.Tests.Api;

/// <summary>A client's mistake is answered 4xx and logged below Error, without a stack trace; Error stays for the server's failures.</summary>
public sealed class ClientErrorLoggingTests : IAsyncLifetime
{
    private readonly LoggedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private FakeLogCollector Logs => _app.Services.GetFakeLogCollector();

    [Fact]
    public async Task A_bad_query_value_is_answered_400_and_writes_no_error_entry()
    {
        using var client = _app.CreateApiClient(TestTokens.Admin());
        Logs.Clear();

        using var response = await client.GetAsync("/v1/admin/charts/revenue?days=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_request_the_framework_cannot_read_is_logged_as_a_client_error_at_information_without_a_stack_trace()
    {
        using var client = _app.CreateApiClient(null);
        Logs.Clear();

        // The sign-in endpoint binds a form; without its antiforgery token the framework refuses it while binding.
        using var response = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent([new("returnUrl", "/")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("returnUrl", await response.Content.ReadAsStringAsync());
        // The exception handler clears the response; the security headers must survive it.
        Assert.True(response.Headers.Contains("Content-Security-Policy"), "the error answer lost its security headers");
        var snapshot = Logs.GetSnapshot();
        var entry = Assert.Single(snapshot, r => r.Id.Id == ClientErrorExceptionHandler.ClientErrorEventId);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Contains("Client error 400", entry.Message);
        Assert.DoesNotContain(snapshot, r => r.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_server_error_is_left_to_the_exception_handler_middleware_which_logs_it_at_error()
    {
        await using var services = new ServiceCollection().AddLogging(l => l.AddFakeLogging()).AddProblemDetails().BuildServiceProvider();
        var handler = ActivatorUtilities.CreateInstance<ClientErrorExceptionHandler>(services);
        var context = new DefaultHttpContext { RequestServices = services };

        Assert.False(await handler.TryHandleAsync(context, new InvalidOperationException("a bug"), CancellationToken.None));
        Assert.False(await handler.TryHandleAsync(context, new BadHttpRequestException("a server-side refusal", StatusCodes.Status503ServiceUnavailable), CancellationToken.None));
        Assert.Empty(services.GetFakeLogCollector().GetSnapshot());
    }

    /// <summary>The dashboard with every log entry collected in memory.</summary>
    private sealed class LoggedApp : DashboardAppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddLogging(l => l.AddFakeLogging()));
        }
    }
}
