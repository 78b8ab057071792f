using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AdminDashboard.Auth;

/// <summary>
/// The sign-in cookie slides (8 h idle) but never lives longer than <see cref="Absolute"/> from the sign-in itself:
/// a tab left open and polled all week would otherwise never ask again who is there. A wall screen (the Viewer role
/// alone) is the exception: a TV in a corridor runs unattended for weeks with no one there to sign it in again, sees
/// no names and can change nothing, so its sign-in lives <see cref="WallScreenAbsolute"/>
/// (sliding over the same span, as its circuit reconnects or reloads). Signing it out, or taking its role away,
/// still ends its circuit within <see cref="DashboardAuthenticationStateProvider.Interval"/>.
/// </summary>
public static class SessionLifetime
{
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    public static readonly TimeSpan WallScreenAbsolute = TimeSpan.FromDays(30);

    /// <summary>The longest any sign-in lives: how long a sign-out must be remembered.</summary>
    public static TimeSpan Longest => WallScreenAbsolute > Absolute ? WallScreenAbsolute : Absolute;

    /// <summary>How long <paramref name="user"/>'s sign-in may live from the moment it was made.</summary>
    public static TimeSpan AbsoluteFor(System.Security.Claims.ClaimsPrincipal? user) =>
        user is not null && AuthPolicies.IsWallScreen(user) ? WallScreenAbsolute : Absolute;

    /// <summary>When the user signed in, kept in the ticket: sliding renewals move IssuedUtc, not this.</summary>
    public const string SignedInAtItem = ".signedInAt";

    public static void Apply(CookieAuthenticationOptions o)
    {
        var signingIn = o.Events.OnSigningIn;
        o.Events.OnSigningIn = context =>
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Properties.Items.TryAdd(SignedInAtItem, now.ToString("O", CultureInfo.InvariantCulture));
            if (context.Principal is { } principal && AuthPolicies.IsWallScreen(principal))
            {
                // The ticket's window is the wall screen's span, not 8 h idle. The cookie itself stays a session cookie:
                // its Expires would be the server's clock read by the browser's, and a TV's clock is not to be trusted.
                context.Properties.IssuedUtc = now;
                context.Properties.ExpiresUtc = now + WallScreenAbsolute;
            }
            // The circuit sees claims, not the ticket: it needs both to revalidate (DashboardAuthenticationStateProvider).
            if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SignedOutSessions.SessionClaim))
            {
                identity.AddClaim(new(SignedOutSessions.SessionClaim, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));
                identity.AddClaim(new(SignedInAtItem, context.Properties.Items[SignedInAtItem]!));
            }
            return signingIn(context);
        };
        // Every sign-in, whichever way (development admin, Entra ID), and every sign-out, on the audit trail.
        var signedIn = o.Events.OnSignedIn;
        o.Events.OnSignedIn = context =>
        {
            Record(context.HttpContext, context.Principal, AdminDashboard.Audit.AuditExtensions.SignIn);
            return signedIn(context);
        };
        var signingOut = o.Events.OnSigningOut;
        o.Events.OnSigningOut = async context =>
        {
            if (context.HttpContext.User.Identity?.IsAuthenticated == true)
                Record(context.HttpContext, context.HttpContext.User, AdminDashboard.Audit.AuditExtensions.SignOut);
            // Open circuits of this sign-in end at their next revalidation, on every instance.
            if (context.HttpContext.User.FindFirst(SignedOutSessions.SessionClaim)?.Value is { } sid)
                await context.HttpContext.RequestServices.GetRequiredService<SignedOutSessions>().RevokeAsync(sid, context.HttpContext.RequestAborted);
            await signingOut(context);
        };
        var validate = o.Events.OnValidatePrincipal;
        o.Events.OnValidatePrincipal = async context =>
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            if (IsOver(context.Properties, context.Principal, now))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }
            await validate(context);
        };
    }

    private static void Record(HttpContext http, System.Security.Claims.ClaimsPrincipal? user, string action) =>
        http.RequestServices.GetRequiredService<AdminDashboard.Audit.AuditLog>().Record(user ?? new(), action, http.Request.Path,
            http.Connection.RemoteIpAddress?.ToString());

    /// <summary>
    /// True once the user's absolute lifetime (<see cref="AbsoluteFor"/>) has passed since sign-in; a ticket without the
    /// stamp counts from its issue time.
    /// </summary>
    public static bool IsOver(AuthenticationProperties properties, System.Security.Claims.ClaimsPrincipal? user, DateTimeOffset now)
    {
        var signedIn = properties.Items.TryGetValue(SignedInAtItem, out var stamp)
            && DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : properties.IssuedUtc;
        return signedIn is { } start && now - start >= AbsoluteFor(user);
    }
}
