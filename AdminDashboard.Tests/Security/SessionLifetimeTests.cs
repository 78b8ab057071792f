using System.Security.Claims;
using AdminDashboard.Auth;
using Microsoft.AspNetCore.Authentication;

namespace AdminDashboard.Tests.Security;

public sealed class SessionLifetimeTests
{
    private static readonly DateTimeOffset SignedIn = new(2026, 3, 10, 7, 0, 0, TimeSpan.Zero);

    private static ClaimsPrincipal In(params string[] roles) =>
        new(new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)), "test"));

    private static readonly ClaimsPrincipal Admin = In(AuthPolicies.AdminRole);

    private static AuthenticationProperties Ticket(DateTimeOffset issued) => new(new Dictionary<string, string?>
    {
        [SessionLifetime.SignedInAtItem] = SignedIn.ToString("O"),
    }) { IssuedUtc = issued };

    [Fact]
    public void A_session_renewed_by_sliding_still_ends_twelve_hours_after_sign_in()
    {
        // Renewed an hour ago: the sliding window alone would keep it for seven more hours.
        var renewed = Ticket(issued: SignedIn.AddHours(11));

        Assert.False(SessionLifetime.IsOver(renewed, Admin, SignedIn.AddHours(11).AddMinutes(59)));
        Assert.True(SessionLifetime.IsOver(renewed, Admin, SignedIn.AddHours(12)));
    }

    [Fact]
    public void A_ticket_without_the_stamp_counts_from_its_issue_time()
    {
        var old = new AuthenticationProperties { IssuedUtc = SignedIn };

        Assert.False(SessionLifetime.IsOver(old, Admin, SignedIn.AddHours(1)));
        Assert.True(SessionLifetime.IsOver(old, Admin, SignedIn.AddHours(13)));
    }

    [Fact]
    public void A_wall_screen_session_lives_thirty_days_and_an_admin_who_is_also_a_viewer_twelve_hours()
    {
        var ticket = Ticket(issued: SignedIn);
        var wall = In(AuthPolicies.ViewerRole);

        Assert.False(SessionLifetime.IsOver(ticket, wall, SignedIn.AddHours(13)));
        Assert.False(SessionLifetime.IsOver(ticket, wall, SignedIn.AddDays(30).AddMinutes(-1)));
        Assert.True(SessionLifetime.IsOver(ticket, wall, SignedIn.AddDays(30)));
        Assert.True(SessionLifetime.IsOver(ticket, In(AuthPolicies.AdminRole, AuthPolicies.ViewerRole), SignedIn.AddHours(12)));
        Assert.True(SessionLifetime.IsOver(ticket, null, SignedIn.AddHours(12)));
    }
}
