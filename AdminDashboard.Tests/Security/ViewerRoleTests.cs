using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using AdminDashboard.Audit;
using AdminDashboard.Auth;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Security;

/// <summary>
/// A wall screen's account (the Viewer role) opens <c>/wall</c> and nothing else: every route the app maps, read from its
/// own endpoint table so a new one is covered the day it is added, refuses it, by token and by sign-in cookie alike.
/// </summary>
[Collection(DashboardAppCollection.Name)]
public sealed partial class ViewerRoleTests(DashboardAppFactory app)
{
    /// <summary>Every method of every route that is not anonymous or a static asset, route values filled with a sample.</summary>
    private List<(string Path, string Method, string Route)> ProtectedRoutes()
    {
        app.StartServer();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Path: Sample(e.RoutePattern.RawText!), Method: method, Route: e.RoutePattern.RawText!)))
            .Distinct().OrderBy(r => r.Path).ThenBy(r => r.Method).ToList();
    }

    private static string Sample(string route)
    {
        var path = RouteValue().Replace(route, "sample");
        return path.StartsWith('/') ? path : "/" + path;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteValue();

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method is "GET" or "HEAD" ? null : new StringContent("") };

    [Fact]
    public async Task A_viewer_token_is_403_on_every_route_but_the_wall()
    {
        var routes = ProtectedRoutes();
        Assert.Contains(routes, r => r.Path == "/v1/admin/dashboard/stats");
        Assert.Contains(routes, r => r.Path == "/v1/admin/events");
        Assert.Contains(routes, r => r.Path == "/audit");
        // Shaped like `dotnet user-jwts create --role Viewer`: a role claim, the development issuer's signature.
        using var viewer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.ServerUrl };
        viewer.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.CreateFor("corridor-tv", AuthPolicies.ViewerRole));

        // The circuit's endpoints are not pages or API: what admits a wall screen to them is their policy (held by
        // AnonymousRoutesTests), and that its circuit runs is shown by the wall's browser tests.
        foreach (var (path, method, _) in routes.Where(r => !AnonymousRoutesTests.AdmitsAWallScreen(r.Route)))
        {
            using var response = await viewer.SendAsync(Request(method, path));
            Assert.Equal((method, path, HttpStatusCode.Forbidden), (method, path, response.StatusCode));
        }

        using var wall = await viewer.GetAsync(AuthPolicies.WallPath);
        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
    }

    [Fact]
    public async Task The_wall_screen_sign_in_lands_on_the_wall_and_its_cookie_is_refused_everywhere_else()
    {
        using var signIn = await DevelopmentSignInForm.PostAsync(app, account: DevelopmentSignIn.WallScreenAccount);
        Assert.True(DevelopmentSignInForm.IsSignedIn(signIn), $"{signIn.StatusCode}");
        Assert.Equal(AuthPolicies.WallPath, signIn.Headers.Location!.OriginalString);
        using var tv = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.ServerUrl };
        tv.DefaultRequestHeaders.Add("Cookie", DevelopmentSignInForm.AuthCookie(signIn));

        foreach (var (path, method, route) in ProtectedRoutes().Where(r => !AnonymousRoutesTests.AdmitsAWallScreen(r.Route)))
        {
            using var response = await tv.SendAsync(Request(method, path));
            // The API answers 403; a page sends the browser to the access-denied page, which says what a wall screen may open.
            var refused = response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery(app.ServerUrl).StartsWith(AuthPolicies.AccessDeniedPath, StringComparison.Ordinal));
            Assert.True(refused, $"{method} {path}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        using var wall = await tv.GetAsync(AuthPolicies.WallPath);
        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
        Assert.Contains("data-heartbeat", await wall.Content.ReadAsStringAsync());
        var denied = await tv.GetStringAsync(AuthPolicies.AccessDeniedPath);
        Assert.Contains("denied-wall-screen", denied);
    }

    [Fact]
    public async Task The_wall_screens_sign_in_and_its_refusals_are_on_the_audit_trail_like_an_admins()
    {
        var audit = app.Services.GetRequiredService<AuditLog>();
        using var signIn = await DevelopmentSignInForm.PostAsync(app, account: DevelopmentSignIn.WallScreenAccount);
        using var tv = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.ServerUrl };
        tv.DefaultRequestHeaders.Add("Cookie", DevelopmentSignInForm.AuthCookie(signIn));
        var path = "/v1/admin/charts/revenue?days=" + Random.Shared.Next(1, 365);

        using var refused = await tv.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var recent = audit.Recent(AuditLog.Kept);
        Assert.Contains(recent, e => e.Action == AuditExtensions.SignIn && e.UserId == "dev-wall-screen");
        Assert.Contains(recent, e => e.Action == AuditExtensions.Forbidden && e.Resource == path && e.UserId == "dev-wall-screen");
    }

    /// <summary>
    /// Inside a circuit the router checks a page's own attributes only (the fallback policy is the endpoints'), so a page
    /// without one would open to a wall screen's circuit: every page names its policy, and only the wall admits a Viewer.
    /// </summary>
    [Fact]
    public void Every_routable_page_names_its_policy_and_only_the_wall_admits_a_wall_screen()
    {
        var pages = typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any()).ToList();
        Assert.True(pages.Count >= 6, string.Join(", ", pages.Select(p => p.Name)));

        foreach (var page in pages)
        {
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            var policies = page.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy).ToList();
            var routes = page.GetCustomAttributes<RouteAttribute>().Select(r => r.Template).ToList();
            Assert.True(anonymous || policies.Count > 0, $"{page.Name} ({string.Join(", ", routes)}) names no policy");
            if (anonymous) continue;
            var expected = routes.SequenceEqual([AuthPolicies.WallPath]) ? AuthPolicies.Wall : AuthPolicies.Admin;
            Assert.All(policies, p => Assert.Equal((page.Name, expected), (page.Name, p)));
        }
    }
}
