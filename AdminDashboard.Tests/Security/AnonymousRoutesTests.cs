using System.Net;
using AdminDashboard.Auth;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Security;

/// <summary>
/// Everything the app maps is for admins unless it is on one explicit list: a new endpoint or page that forgets to
/// say who may use it is closed by the fallback policy, and one that opens itself fails here.
/// </summary>
[Collection(DashboardAppCollection.Name)]
public sealed class AnonymousRoutesTests(DashboardAppFactory app)
{
    /// <summary>The routes anyone may use: signing in and out, the probes, the not-found page.</summary>
    private static readonly string[] Anonymous =
    [
        "/account/login", "/account/denied", "/account/dev-signin", "/account/entra-signin", "/account/logout",
        "/health", "/health/ready", "/health/live", "/not-found",
    ];

    /// <summary>Open in Development only: the scrape target the benchmarks read, the API document and its reference page.</summary>
    private static readonly string[] AnonymousInDevelopment =
    [
        "/metrics", "/openapi/{documentName}.json", "/scalar/{documentName?}", "/scalar/favicon.svg", "/scalar/scalar.js", "/scalar/scalar.aspnetcore.js",
    ];

    private static readonly string[] Pages = ["/", "/system", "/alerts", "/audit", "/about"];

    private List<RouteEndpoint> Endpoints()
    {
        app.StartServer();
        return [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];
    }

    /// <summary>The wall page and the circuit's endpoints (hub, negotiation, initializers) without which it is not live.</summary>
    public static bool AdmitsAWallScreen(string route) =>
        route == AuthPolicies.WallPath || route.StartsWith(AdminDashboard.Components.DashboardUiExtensions.BlazorHubPrefix, StringComparison.Ordinal);

    private static bool IsStaticAsset(RouteEndpoint e) => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;

    [Fact]
    public async Task The_fallback_policy_is_the_admin_role()
    {
        app.StartServer();
        var fallback = await app.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();

        Assert.NotNull(fallback);
        var roles = Assert.Single(fallback!.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>());
        Assert.Equal([AuthPolicies.AdminRole], roles.AllowedRoles);
    }

    [Fact]
    public void Only_the_allow_listed_routes_and_static_assets_are_anonymous()
    {
        var endpoints = Endpoints();
        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && !IsStaticAsset(e))
            .Select(e => e.RoutePattern.RawText!).Distinct().Order().ToList();

        Assert.Equal(Anonymous.Concat(AnonymousInDevelopment).Order(), anonymous);
        // Everything else names the Admin policy or falls back to it: no endpoint asks for less. The one exception is the
        // wall screen's policy (Admin or Viewer), on the wall page and the circuit's endpoints it needs, nowhere else.
        var policies = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a =>
                (Route: e.RoutePattern.RawText!, Policy: a.Policy ?? (a.Roles is null ? "(default)" : "roles:" + a.Roles))))
            .Distinct().ToList();
        Assert.All(policies, p => Assert.Equal((p.Route, AdmitsAWallScreen(p.Route) ? AuthPolicies.Wall : AuthPolicies.Admin), p));
        Assert.Contains((AuthPolicies.WallPath, AuthPolicies.Wall), policies);
    }

    [Fact]
    public async Task Every_other_route_turns_an_anonymous_caller_away()
    {
        var routes = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.RoutePattern.RawText!.Contains('{'))
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is not { } m || m.HttpMethods.Contains("GET"))
            .Select(e => e.RoutePattern.RawText!).Distinct().Order().ToList();
        Assert.Contains("/_blazor/initializers/", routes);
        Assert.Contains("/v1/admin/dashboard/stats", routes);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.ServerUrl };

        foreach (var route in routes)
        {
            using var response = await anonymous.GetAsync(route.StartsWith('/') ? route : "/" + route);
            var turnedAway = response.StatusCode == HttpStatusCode.Unauthorized
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains(AuthPolicies.LoginPath, StringComparison.Ordinal));
            Assert.True(turnedAway, $"{route}: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task Every_page_sends_an_anonymous_visitor_to_sign_in_and_refuses_a_signed_in_non_admin()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.ServerUrl };
        using var nurse = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.ServerUrl };
        nurse.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Create("Nurse"));
        using var admin = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.ServerUrl };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Admin());
        app.StartServer();

        foreach (var page in Pages)
        {
            using var away = await anonymous.GetAsync(page);
            Assert.Equal((page, HttpStatusCode.Redirect), (page, away.StatusCode));
            Assert.StartsWith(AuthPolicies.LoginPath, away.Headers.Location!.PathAndQuery(app.ServerUrl));

            using var refused = await nurse.GetAsync(page);
            Assert.Equal((page, HttpStatusCode.Forbidden), (page, refused.StatusCode));

            using var welcome = await admin.GetAsync(page);
            Assert.Equal((page, HttpStatusCode.OK), (page, welcome.StatusCode));
        }
    }
}

internal static class LocationExtensions
{
    public static string PathAndQuery(this Uri location, Uri server) => (location.IsAbsoluteUri ? location : new Uri(server, location)).PathAndQuery;
}
