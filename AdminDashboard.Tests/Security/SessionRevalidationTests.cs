using System.Security.Claims;
using AdminDashboard.Auth;
using AdminDashboard.Core.Caching;
using Microsoft.Extensions.Time.Testing;

namespace AdminDashboard.Tests.Security;

/// <summary>What an open circuit's periodic check ends: a sign-out anywhere, the absolute lifetime, a lost role.</summary>
public sealed class SessionRevalidationTests
{
    private static readonly DateTimeOffset SignedIn = new(2026, 3, 10, 7, 0, 0, TimeSpan.Zero);
    private readonly SignedOutSessions _signedOut = new(new MemoryDashboardCache(new FakeTimeProvider(SignedIn)));

    private static ClaimsPrincipal User(params string[] roles) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "dev-admin"), new Claim(SignedOutSessions.SessionClaim, "session-1"),
            new Claim(SessionLifetime.SignedInAtItem, SignedIn.ToString("O")), .. roles.Select(r => new Claim(ClaimTypes.Role, r)),
        ], "Cookies"));

    private Task<bool> ValidAsync(ClaimsPrincipal user, DateTimeOffset at) =>
        DashboardAuthenticationStateProvider.IsStillValidAsync(user, _signedOut, at, CancellationToken.None);

    [Fact]
    public async Task An_admin_within_the_lifetime_who_has_not_signed_out_stays()
    {
        Assert.True(await ValidAsync(User(AuthPolicies.AdminRole), SignedIn.AddHours(1)));
    }

    [Fact]
    public async Task A_sign_out_of_the_same_session_ends_the_circuit()
    {
        await _signedOut.RevokeAsync("session-1", CancellationToken.None);

        Assert.False(await ValidAsync(User(AuthPolicies.AdminRole), SignedIn.AddHours(1)));
    }

    [Fact]
    public async Task The_absolute_lifetime_or_a_lost_admin_role_ends_the_circuit()
    {
        Assert.False(await ValidAsync(User(AuthPolicies.AdminRole), SignedIn + SessionLifetime.Absolute));
        Assert.False(await ValidAsync(User("Nurse"), SignedIn.AddHours(1)));
    }

    [Fact]
    public async Task A_wall_screen_keeps_its_circuit_for_weeks_until_its_own_lifetime_or_a_sign_out()
    {
        Assert.True(await ValidAsync(User(AuthPolicies.ViewerRole), SignedIn.AddHours(1)));
        // An admin's 12 h would send an unattended TV to the sign-in page every night.
        Assert.True(await ValidAsync(User(AuthPolicies.ViewerRole), SignedIn + SessionLifetime.Absolute));
        Assert.True(await ValidAsync(User(AuthPolicies.ViewerRole), SignedIn.AddDays(29)));
        Assert.False(await ValidAsync(User(AuthPolicies.ViewerRole), SignedIn + SessionLifetime.WallScreenAbsolute));
        await _signedOut.RevokeAsync("session-1", CancellationToken.None);
        Assert.False(await ValidAsync(User(AuthPolicies.ViewerRole), SignedIn.AddHours(1)));
    }
}
