using System.Net;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace AdminDashboard.Tests.Security;

/// <summary>The dashboard in Production, Microsoft.Identity.Web pointed at <see cref="OidcStub"/>, behind a proxy on loopback.</summary>
public sealed class EntraIdStubApp : IAsyncLifetime
{
    public OidcStub Stub { get; private set; } = null!;
    public DashboardAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stub = await OidcStub.StartAsync();
        App = new StubbedEntraApp(Stub) { EnvironmentName = "Production", UseTestSigningKey = false };
        foreach (var (key, value) in Stub.DashboardSettings())
            App.Settings[key] = value;
        // Set explicitly: outside Development the embedded services are not the default.
        App.Settings["Embedded:Enabled"] = "true";
        App.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        App.StartServer();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Stub.DisposeAsync();
    }

    private sealed class StubbedEntraApp(OidcStub stub) : DashboardAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(stub.TrustFrom);
        }
    }
}

/// <summary>
/// Production sign-in proved on its real path: the tokens are checked against a discovery document and keys the
/// dashboard downloaded from an authority, so a 401 below is the token's fault, and the 200 shows the path works.
/// </summary>
public sealed class EntraIdStubTests(EntraIdStubApp fixture) : IClassFixture<EntraIdStubApp>
{
    private const string PublicHost = "dashboard.hospital.example";
    private OidcStub Stub => fixture.Stub;

    private async Task<HttpStatusCode> StatsWith(string token)
    {
        using var client = fixture.App.CreateApiClient(token);
        using var response = await client.GetAsync("/v1/admin/dashboard/stats");
        return response.StatusCode;
    }

    [Fact]
    public async Task A_token_from_the_tenant_for_this_app_with_the_admin_role_gets_the_stats_after_the_metadata_and_keys_are_fetched()
    {
        var status = await StatsWith(Stub.CreateToken(roles: ["Admin"]));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(Stub.DiscoveryRequests > 0, "the dashboard never read the authority's discovery document");
        Assert.True(Stub.KeyRequests > 0, "the dashboard never read the authority's keys");
    }

    [Fact]
    public async Task A_token_from_another_tenant_is_401_though_signed_by_the_same_authority()
    {
        Assert.Equal(HttpStatusCode.OK, await StatsWith(Stub.CreateToken(roles: ["Admin"])));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatsWith(Stub.CreateToken(tenant: OidcStub.OtherTenantId, roles: ["Admin"])));
    }

    [Fact]
    public async Task A_token_for_another_application_is_401()
    {
        Assert.Equal(HttpStatusCode.OK, await StatsWith(Stub.CreateToken(roles: ["Admin"])));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatsWith(Stub.CreateToken(audience: OidcStub.OtherClientId, roles: ["Admin"])));
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        Assert.Equal(HttpStatusCode.OK, await StatsWith(Stub.CreateToken(roles: ["Admin"])));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatsWith(Stub.CreateToken(roles: ["Admin"], expires: OidcStub.ExpiredAt)));
    }

    [Fact]
    public async Task A_token_signed_by_a_key_the_authority_does_not_publish_is_401()
    {
        using var forger = System.Security.Cryptography.RSA.Create(2048);
        var unpublished = new Microsoft.IdentityModel.Tokens.RsaSecurityKey(forger) { KeyId = "not-in-the-jwks" };
        Assert.Equal(HttpStatusCode.OK, await StatsWith(Stub.CreateToken(roles: ["Admin"])));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatsWith(Stub.CreateToken(roles: ["Admin"], signedWith: unpublished)));
    }

    [Fact]
    public async Task The_viewer_app_role_opens_the_wall_and_nothing_else()
    {
        // The app role "Viewer" arrives in the token's roles claim, as Admin does, and is read the same way.
        var token = Stub.CreateToken(roles: [AdminDashboard.Auth.AuthPolicies.ViewerRole]);
        using var client = fixture.App.CreateApiClient(token);

        Assert.Equal(HttpStatusCode.Forbidden, await StatsWith(token));
        using (var dashboard = await client.GetAsync("/"))
            Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        using var wall = await client.GetAsync(AdminDashboard.Auth.AuthPolicies.WallPath);
        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_without_the_admin_role_is_403()
    {
        // A delegated token: the user consented to the API's scope but holds no Admin app role (or another role).
        Assert.Equal(HttpStatusCode.Forbidden, await StatsWith(Stub.CreateToken(scope: "access_as_user")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatsWith(Stub.CreateToken(roles: ["Nurse"])));
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_the_sign_in_sends_an_https_redirect_uri_and_the_answer_carries_hsts()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.ServerUrl };
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/account/entra-signin");
        // The name the hospital reaches the proxy by: HSTS is never sent to localhost or a bare loopback address.
        proxied.Headers.Host = PublicHost;
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.SendAsync(proxied);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith($"{Stub.Instance}{OidcStub.TenantId}/oauth2/v2.0/authorize", location);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString($"https://{PublicHost}/signin-oidc"), location);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"), "no HSTS on an https request");
    }

    [Fact]
    public async Task A_direct_http_request_gets_an_http_redirect_uri_and_no_hsts()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.ServerUrl };

        using var direct = new HttpRequestMessage(HttpMethod.Get, "/account/entra-signin");
        direct.Headers.Host = PublicHost;

        using var response = await client.SendAsync(direct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString($"http://{PublicHost}/signin-oidc"), response.Headers.Location!.ToString());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
