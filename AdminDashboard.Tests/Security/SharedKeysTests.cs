using System.Net;
using AdminDashboard.Auth;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Security;

/// <summary>
/// Two dashboard instances on one Redis share the Data Protection key ring, so a sign-in cookie issued by one is
/// accepted by the other: behind a load balancer an admin's next request may land on either.
/// </summary>
[Collection(RedisCollection.Name)]
[Trait("Category", "Redis")]
public sealed class SharedKeysTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly List<DashboardAppFactory> _apps = [];

    private DashboardAppFactory StartApp()
    {
        var app = new DashboardAppFactory { Settings = { ["Cache:Provider"] = "Redis", ["ConnectionStrings:Redis"] = redis.ConnectionString } };
        _apps.Add(app);
        app.StartServer();
        return app;
    }

    public Task InitializeAsync() => redis.FlushAsync();

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
    }

    [Fact]
    public async Task A_cookie_issued_by_one_instance_is_accepted_by_another_and_the_key_ring_lives_in_redis()
    {
        var first = StartApp();
        var second = StartApp();

        using var signIn = await DevelopmentSignInForm.PostAsync(first);
        Assert.True(DevelopmentSignInForm.IsSignedIn(signIn), $"{signIn.StatusCode}");
        var cookie = signIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(AuthPolicies.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];

        foreach (var app in new[] { first, second })
        {
            using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.ServerUrl };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/dashboard/stats");
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request);
            Assert.Equal((app.ServerUrl, HttpStatusCode.OK), (app.ServerUrl, response.StatusCode));
        }
        Assert.True(await redis.Db.ListLengthAsync(DataProtectionExtensions.KeyRingKey) > 0, "no key in Redis's key ring");
    }
}
