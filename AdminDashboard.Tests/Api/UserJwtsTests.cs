using System.Net;
using AdminDashboard.Auth;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Api;

/// <summary>
/// The README's path for tools in Development: tokens from <c>dotnet user-jwts</c>, validated with the keys and
/// audiences it writes (user secrets and appsettings.Development.json), not a test key.
/// </summary>
[Collection(DashboardAppCollection.Name)]
[Trait("Category", "UserJwts")]
public sealed class UserJwtsTests : IAsyncLifetime
{
    private DashboardAppFactory _app = default!;
    private string _adminToken = "";
    private string _plainToken = "";

    public async Task InitializeAsync()
    {
        // Tokens first: the app reads the signing key that user-jwts stores when it starts.
        _adminToken = await UserJwts.CreateTokenAsync("Admin");
        _plainToken = await UserJwts.CreateTokenAsync();
        _app = new DashboardAppFactory { UseTestSigningKey = false };
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_user_jwts_admin_token_reads_the_stats()
    {
        using var client = _app.CreateApiClient(_adminToken);
        using var response = await client.GetAsync("/v1/admin/dashboard/stats");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_user_jwts_token_is_validated_once_and_its_next_calls_are_answered_from_the_token_cache()
    {
        // user-jwts' keys are made anew each time the handler reads them: the cache must know them by their material.
        var cache = _app.Services.GetRequiredService<ValidatedTokenCache>();
        using var client = _app.CreateApiClient(_adminToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/admin/dashboard/stats")).StatusCode);
        var kept = cache.Kept;

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/admin/dashboard/stats")).StatusCode);

        Assert.Equal(kept, cache.Kept);
        Assert.True(cache.Holds(_adminToken));
    }

    [Fact]
    public async Task A_user_jwts_token_without_the_admin_role_is_403()
    {
        using var client = _app.CreateApiClient(_plainToken);
        using var response = await client.GetAsync("/v1/admin/dashboard/stats");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
