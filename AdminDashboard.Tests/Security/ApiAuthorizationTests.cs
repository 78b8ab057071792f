using System.Net;
using System.Security.Claims;
using System.Text;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdminDashboard.Tests.Security;

[Collection(DashboardAppCollection.Name)]
public sealed class ApiAuthorizationTests(DashboardAppFactory app)
{
    /// <summary>Every route under /v1/admin, read from the app's own endpoint table: a new endpoint cannot slip past.</summary>
    private List<string> AdminRoutes()
    {
        app.StartServer();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!)
            .Where(r => r.StartsWith("/v1/admin", StringComparison.Ordinal))
            .Distinct().Order().ToList();
    }

    [Fact]
    public async Task Every_admin_endpoint_is_401_without_a_token_and_403_without_the_role()
    {
        var routes = AdminRoutes();
        Assert.Contains("/v1/admin/dashboard/stats", routes);
        Assert.Contains("/v1/admin/events", routes);
        Assert.True(routes.Count >= 8, string.Join(", ", routes));
        using var anonymous = app.CreateApiClient(null);
        using var nurse = app.CreateApiClient(TestTokens.Create("Nurse"));

        foreach (var route in routes)
        {
            Assert.True(!route.Contains('{'), $"route parameters need sample values: {route}");
            Assert.Equal((route, HttpStatusCode.Unauthorized), (route, (await anonymous.GetAsync(route)).StatusCode));
            Assert.Equal((route, HttpStatusCode.Forbidden), (route, (await nurse.GetAsync(route)).StatusCode));
        }
    }

    public static TheoryData<string, string> BadTokens()
    {
        var handler = new JsonWebTokenHandler();
        var signing = new SigningCredentials(TestTokens.SigningKey, SecurityAlgorithms.HmacSha256);
        string Token(Action<SecurityTokenDescriptor> change)
        {
            var descriptor = new SecurityTokenDescriptor
            {
                Issuer = TestTokens.Issuer, Audience = TestTokens.Audience, Expires = DateTime.UtcNow.AddHours(1),
                Subject = new ClaimsIdentity([new Claim("sub", "x"), new Claim("role", "Admin")]), SigningCredentials = signing,
            };
            change(descriptor);
            return handler.CreateToken(descriptor);
        }
        static string B64(string s) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(s));
        var unsigned = $"{B64("""{"alg":"none","typ":"JWT"}""")}.{B64($$"""{"iss":"{{TestTokens.Issuer}}","aud":"{{TestTokens.Audience}}","role":"Admin","sub":"x","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""")}.";
        return new TheoryData<string, string>
        {
            { "expired", Token(d => { d.NotBefore = DateTime.UtcNow.AddHours(-3); d.IssuedAt = DateTime.UtcNow.AddHours(-3); d.Expires = DateTime.UtcNow.AddHours(-2); }) },
            { "wrong issuer", Token(d => d.Issuer = "https://evil.example") },
            { "wrong audience", Token(d => d.Audience = "http://someone-else") },
            { "wrong signature", Token(d => d.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[48]), SecurityAlgorithms.HmacSha256)) },
            { "alg none", unsigned },
        };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_rejected(string kind, string token)
    {
        using var client = app.CreateApiClient(token);
        using var response = await client.GetAsync("/v1/admin/dashboard/stats");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: {response.StatusCode}");
    }

    [Fact]
    public async Task Responses_carry_the_security_headers()
    {
        using var client = app.CreateApiClient(null);
        using var page = await client.GetAsync("/account/login");

        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_csp_lets_the_page_connect_to_its_own_origin_only()
    {
        using var client = app.CreateApiClient(null);
        using var page = await client.GetAsync("/account/login");

        var directives = page.Headers.GetValues("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries);
        // 'self' alone: the circuit's WebSocket to this origin is allowed by it (CSP3); ws:/wss: would allow any host.
        Assert.Equal("connect-src 'self'", Assert.Single(directives, d => d.StartsWith("connect-src ", StringComparison.Ordinal)));
    }
}
