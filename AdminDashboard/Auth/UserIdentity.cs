using System.Security.Claims;

namespace AdminDashboard.Auth;

public static class UserIdentity
{
    /// <summary>The stable identity of a user for limits and the audit log: object id, subject, or name.</summary>
    public static string Key(ClaimsPrincipal user) =>
        user.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier")
        ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? user.Identity?.Name ?? "unknown";

    /// <summary>Who a person reads the user as (the name the top bar shows), for records people read: the audit log, an acknowledgement.</summary>
    public static string DisplayName(ClaimsPrincipal user) => user.Identity?.Name ?? Key(user);
}
