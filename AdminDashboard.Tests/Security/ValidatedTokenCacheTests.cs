using System.Net;
using System.Security.Claims;
using AdminDashboard.Auth;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Security;

/// <summary>A bearer token is validated once and then answered from the cache, never past its own expiry.</summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Role, "Admin")], "Bearer"));

    [Fact]
    public void A_kept_token_is_found_until_its_expiry_and_not_after()
    {
        var cache = new ValidatedTokenCache();
        cache.Keep("token-a", Admin, Noon);

        Assert.Same(Admin, cache.Find("token-a", Noon.AddSeconds(-1)));
        Assert.Null(cache.Find("token-a", Noon));
        Assert.Null(cache.Find("token-b", Noon.AddHours(-1)));
    }

    [Fact]
    public void Past_its_capacity_the_cache_starts_afresh_instead_of_growing()
    {
        var cache = new ValidatedTokenCache();
        for (var i = 0; i <= ValidatedTokenCache.Capacity; i++) cache.Keep($"token-{i}", Admin, Noon);

        Assert.Equal(1, cache.Count);
    }
}

[Collection(DashboardAppCollection.Name)]
public sealed class ValidatedTokenCacheApiTests(DashboardAppFactory app)
{
    [Fact]
    public async Task A_token_validated_once_is_kept_and_its_role_is_still_checked_on_every_call()
    {
        var admin = TestTokens.CreateFor("cached-admin", "Admin");
        var reader = TestTokens.CreateFor("cached-reader", "Reader");
        using var adminClient = app.CreateApiClient(admin);
        using var readerClient = app.CreateApiClient(reader);

        Assert.Equal(HttpStatusCode.OK, (await adminClient.GetAsync("/v1/admin/dashboard/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readerClient.GetAsync("/v1/admin/dashboard/stats")).StatusCode);
        var cache = app.Services.GetRequiredService<ValidatedTokenCache>();
        Assert.NotNull(cache.Find(admin, app.Clock.GetUtcNow()));
        Assert.NotNull(cache.Find(reader, app.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, (await adminClient.GetAsync("/v1/admin/dashboard/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readerClient.GetAsync("/v1/admin/dashboard/stats")).StatusCode);
    }
}
