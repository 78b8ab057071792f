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
    /// <summary>Sample values for route parameters, so a parameterised route is called like any other.</summary>
    private static readonly Dictionary<string, string> Samples = new() { ["{id}"] = "service-unavailable.billing.20260310T030000000Z" };

    /// <summary>Every route under /v1/admin with its method, read from the app's own endpoint table: a new endpoint cannot slip past.</summary>
    private List<(string Route, string Method)> AdminRoutes()
    {
        app.StartServer();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/v1/admin", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Route: e.RoutePattern.RawText!, Method: m)))
            .Distinct().Order().ToList();
    }

    [Fact]
    public async Task Every_admin_endpoint_is_401_without_a_token_and_403_without_the_role()
    {
        var routes = AdminRoutes();
        Assert.Contains(("/v1/admin/dashboard/stats", "GET"), routes);
        Assert.Contains(("/v1/admin/events", "GET"), routes);
        Assert.Contains(("/v1/admin/alerts/{id}/ack", "POST"), routes);
        Assert.True(routes.Count >= 8, string.Join(", ", routes));
        using var anonymous = app.CreateApiClient(null);
        using var nurse = app.CreateApiClient(TestTokens.Create("Nurse"));

        foreach (var (pattern, method) in routes)
        {
            var route = Samples.Aggregate(pattern, (r, sample) => r.Replace(sample.Key, sample.Value, StringComparison.Ordinal));
            Assert.True(!route.Contains('{'), $"route parameters need sample values: {route}");
            using var refusedAnonymous = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), route));
            Assert.Equal((route, method, HttpStatusCode.Unauthorized), (route, method, refusedAnonymous.StatusCode));
            using var refusedNurse = await nurse.SendAsync(new HttpRequestMessage(new HttpMethod(method), route));
            Assert.Equal((route, method, HttpStatusCode.Forbidden), (route, method, refusedNurse.StatusCode));
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
