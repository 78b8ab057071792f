using AdminDashboard.Auth;
using Microsoft.AspNetCore.Authentication;

namespace AdminDashboard.Tests.Security;

public sealed class SessionLifetimeTests
{
    private static readonly DateTimeOffset SignedIn = new(2026, 3, 10, 7, 0, 0, TimeSpan.Zero);

    private static AuthenticationProperties Ticket(DateTimeOffset issued) => new(new Dictionary<string, string?>
    {
        [SessionLifetime.SignedInAtItem] = SignedIn.ToString("O"),
    }) { IssuedUtc = issued };

    [Fact]
    public void A_session_renewed_by_sliding_still_ends_twelve_hours_after_sign_in()
    {
        // Renewed an hour ago: the sliding window alone would keep it for seven more hours.
        var renewed = Ticket(issued: SignedIn.AddHours(11));

        Assert.False(SessionLifetime.IsOver(renewed, SignedIn.AddHours(11).AddMinutes(59)));
        Assert.True(SessionLifetime.IsOver(renewed, SignedIn.AddHours(12)));
    }

    [Fact]
    public void A_ticket_without_the_stamp_counts_from_its_issue_time()
    {
        var old = new AuthenticationProperties { IssuedUtc = SignedIn };

        Assert.False(SessionLifetime.IsOver(old, SignedIn.AddHours(1)));
        Assert.True(SessionLifetime.IsOver(old, SignedIn.AddHours(13)));
    }
}
