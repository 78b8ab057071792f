using System.Net;
using AdminDashboard.Tests.Infrastructure;

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
    public async Task A_user_jwts_token_without_the_admin_role_is_403()
    {
        using var client = _app.CreateApiClient(_plainToken);
        using var response = await client.GetAsync("/v1/admin/dashboard/stats");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
