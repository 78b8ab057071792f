using System.Net;
using AdminDashboard.Audit;
using AdminDashboard.Auth;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Security;

/// <summary>Sign-in, sign-out and every refusal are on the audit trail, with who or which address.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed class AuditTrailTests(DashboardAppFactory app)
{
    private IReadOnlyList<AuditEntry> Recent() => app.Services.GetRequiredService<AuditLog>().Recent(AuditLog.Kept);

    [Fact]
    public async Task A_403_names_the_refused_user_and_a_401_the_callers_address()
    {
        var path = "/v1/admin/charts/top-doctors?days=" + Random.Shared.Next(1, 365);
        using var nurse = app.CreateApiClient(TestTokens.CreateFor("nurse-on-ward-7", "Nurse"));
        using var anonymous = app.CreateApiClient(null);

        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);

        var forbidden = Assert.Single(Recent(), e => e.Resource == path && e.Action == AuditExtensions.Forbidden);
        Assert.Equal("nurse-on-ward-7", forbidden.UserId);
        var unauthenticated = Assert.Single(Recent(), e => e.Resource == path && e.Action == AuditExtensions.Unauthenticated);
        Assert.Equal("127.0.0.1", unauthenticated.From);
    }

    [Fact]
    public async Task Signing_in_and_out_are_recorded()
    {
        app.StartServer();
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = app.ServerUrl };
        var before = Recent().Count(e => e.Action == AuditExtensions.SignIn);

        using var signIn = await DevelopmentSignInFormTests.PostDevelopmentSignInAsync(client, cookies, app.ServerUrl, await DevelopmentSignInFormTests.AntiforgeryTokenAsync(client));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var signedOutBefore = Recent().Count(e => e.Action == AuditExtensions.SignOut);
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", await DevelopmentSignInFormTests.AntiforgeryTokenAsync(client, "/about"))]);
        using var signOut = await client.PostAsync(AuthPolicies.LogoutPath, form);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(before + 1, Recent().Count(e => e.Action == AuditExtensions.SignIn));
        Assert.Equal(signedOutBefore + 1, Recent().Count(e => e.Action == AuditExtensions.SignOut && e.UserId == "dev-admin"));
    }
}
