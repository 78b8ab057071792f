using System.Net;
using System.Security.Claims;
using AdminDashboard.Auth;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace AdminDashboard.Tests.Security;

/// <summary>
/// A bearer token is validated once and then answered from the cache, never past its own expiry, and never once the
/// key that signed it has left the keys the handler validates against.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Role, "Admin")], "Bearer"));
    private static readonly SymmetricSecurityKey KeyA = new(Enumerable.Repeat((byte)1, 32).ToArray()) { KeyId = "a" };
    private static readonly SymmetricSecurityKey KeyB = new(Enumerable.Repeat((byte)2, 32).ToArray()) { KeyId = "b" };
    private static readonly TokenValidationParameters NoConfiguredKeys = new();

    /// <summary>A key set as an identity provider's metadata publishes it; each refresh is a new instance.</summary>
    private static SigningKeys Published(params SecurityKey[] keys) => new(new object(), keys, NoConfiguredKeys);

    [Fact]
    public void A_kept_token_is_found_until_its_expiry_and_not_after()
    {
        var cache = new ValidatedTokenCache();
        var keys = Published(KeyA);
        cache.Keep("token-a", Admin, Noon, KeyA);

        Assert.Same(Admin, cache.Find("token-a", Noon.AddSeconds(-1), keys));
        Assert.Null(cache.Find("token-a", Noon, keys));
        Assert.Null(cache.Find("token-b", Noon.AddHours(-1), keys));
    }

    [Fact]
    public void A_token_whose_key_is_no_longer_published_is_not_found_and_is_forgotten()
    {
        var cache = new ValidatedTokenCache();
        cache.Keep("token-a", Admin, Noon, KeyA);
        Assert.Same(Admin, cache.Find("token-a", Noon.AddHours(-1), Published(KeyA, KeyB)));

        // The provider rolled its keys: A is gone. Even if A came back later, the token must be validated again.
        Assert.Null(cache.Find("token-a", Noon.AddHours(-1), Published(KeyB)));
        Assert.False(cache.Holds("token-a"));
    }

    [Fact]
    public void A_refreshed_key_set_that_still_publishes_the_key_under_its_id_keeps_the_token()
    {
        var cache = new ValidatedTokenCache();
        cache.Keep("token-a", Admin, Noon, KeyA);
        var republished = new SymmetricSecurityKey(KeyA.Key) { KeyId = "a" };

        Assert.Same(Admin, cache.Find("token-a", Noon.AddHours(-1), Published(republished, KeyB)));
        // The same id with other key material is another key.
        var impostor = new SymmetricSecurityKey(KeyB.Key) { KeyId = "a" };
        Assert.Null(cache.Find("token-a", Noon.AddHours(-1), Published(impostor)));
    }

    [Fact]
    public void Configured_keys_count_as_well_as_published_ones()
    {
        var cache = new ValidatedTokenCache();
        var configured = new TokenValidationParameters { IssuerSigningKeys = [KeyA] };
        cache.Keep("token-a", Admin, Noon, KeyA);

        Assert.Same(Admin, cache.Find("token-a", Noon.AddHours(-1), new SigningKeys(configured, null, configured)));
        var rotated = new TokenValidationParameters { IssuerSigningKeys = [KeyB] };
        Assert.Null(cache.Find("token-a", Noon.AddHours(-1), new SigningKeys(rotated, null, rotated)));
    }

    [Fact]
    public void Configured_keys_made_anew_on_every_read_still_hold_the_token_by_their_material()
    {
        // As user-jwts' keys are bound: each read of IssuerSigningKeys makes new key instances, without an id.
        static IEnumerable<SecurityKey> Fresh(byte[] material) { yield return new SymmetricSecurityKey(material); }
        var signing = new SymmetricSecurityKey(KeyA.Key);
        var configured = new TokenValidationParameters { IssuerSigningKeys = Fresh(KeyA.Key) };
        var cache = new ValidatedTokenCache();
        cache.Keep("token-a", Admin, Noon, signing);

        Assert.Same(Admin, cache.Find("token-a", Noon.AddHours(-1), new SigningKeys(configured, null, configured)));
        var other = new TokenValidationParameters { IssuerSigningKeys = Fresh(KeyB.Key) };
        Assert.Null(cache.Find("token-a", Noon.AddHours(-1), new SigningKeys(other, null, other)));
    }

    [Fact]
    public void Past_its_capacity_the_cache_starts_afresh_instead_of_growing()
    {
        var cache = new ValidatedTokenCache();
        for (var i = 0; i <= ValidatedTokenCache.Capacity; i++) cache.Keep($"token-{i}", Admin, Noon, KeyA);

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
        Assert.True(cache.Holds(admin));
        Assert.True(cache.Holds(reader));

        Assert.Equal(HttpStatusCode.OK, (await adminClient.GetAsync("/v1/admin/dashboard/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readerClient.GetAsync("/v1/admin/dashboard/stats")).StatusCode);
    }
}
