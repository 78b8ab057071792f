using System.Net;
using System.Security.Claims;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdminDashboard.Tests.Security;

/// <summary>An SSE stream ends when the token that opened it expires, not when the client chooses to leave.</summary>
public sealed class StreamExpiryTests : IAsyncLifetime
{
    private readonly ClockCheckedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_event_stream_ends_at_the_tokens_exp()
    {
        var now = _app.Clock.GetUtcNow();
        var expires = now.AddSeconds(3);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer, Audience = TestTokens.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "short-lived"), new Claim("role", "Admin")]),
            NotBefore = now.AddMinutes(-1).UtcDateTime, IssuedAt = now.AddMinutes(-1).UtcDateTime, Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(TestTokens.SigningKey, SecurityAlgorithms.HmacSha256),
        });
        using var client = _app.CreateApiClient(token);

        using var response = await client.GetAsync("/v1/admin/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(patience.Token) is not null) { }

        // The server closed it (end of stream, not our patience), and not before the token's exp (whole seconds).
        Assert.False(patience.IsCancellationRequested);
        Assert.True(_app.Clock.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()), $"ended at {_app.Clock.GetUtcNow():O}, exp {expires:O}");
    }

    /// <summary>Token lifetimes checked against the app's own (pinned) clock, so a token can expire within the test.</summary>
    private sealed class ClockCheckedApp : DashboardAppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
                o.TokenValidationParameters.LifetimeValidator = (_, expires, _, _) => expires is { } e && e > Clock.GetUtcNow().UtcDateTime));
        }
    }
}
