using System.Runtime.CompilerServices;
using System.Security.Claims;

namespace AdminDashboard.Auth;

public static class UserIdentity
{
    // A principal from the validated-token cache serves every call of its token: its key is found once, not by a
    // search of its claims per use (the rate limiter, the log scope and the audit record each ask, on every call).
    private static readonly ConditionalWeakTable<ClaimsPrincipal, string> Keys = [];

    /// <summary>The stable identity of a user for limits and the audit log: object id, subject, or name.</summary>
    public static string Key(ClaimsPrincipal user) =>
        Keys.TryGetValue(user, out var key) ? key : Keys.GetValue(user, Find);

    private static string Find(ClaimsPrincipal user) =>
        user.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier")
        ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? user.Identity?.Name ?? "unknown";

    /// <summary>Who a person reads the user as (the name the top bar shows), for records people read: the audit log, an acknowledgement.</summary>
    public static string DisplayName(ClaimsPrincipal user) => user.Identity?.Name ?? Key(user);
}
