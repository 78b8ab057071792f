using System.Security.Claims;
using AdminDashboard.Core.Caching;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace AdminDashboard.Auth;

/// <summary>
/// Sessions the dashboard has ended: a sign-out revokes its session id (in the shared cache, so every instance
/// hears it), and an open circuit checks its user every <see cref="Interval"/>.
/// </summary>
public sealed class SignedOutSessions(IDashboardCache cache)
{
    /// <summary>The claim that names one sign-in; set when the cookie is issued.</summary>
    public const string SessionClaim = "blazoradmin:sid";

    private static string Key(string sessionId) => "admin:signed-out:" + sessionId;

    public Task RevokeAsync(string sessionId, CancellationToken cancellationToken) =>
        cache.SetAsync(Key(sessionId), "revoked", SessionLifetime.Longest, cancellationToken).AsTask();

    public async Task<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken) =>
        await cache.GetAsync<string>(Key(sessionId), cancellationToken) is not null;
}

/// <summary>
/// Ends a circuit whose user signed out (anywhere), whose session passed its absolute lifetime, or who is no longer an
/// Admin (or, for a wall screen, a Viewer): the page then shows the sign-in redirect instead of going on streaming
/// hospital data.
/// </summary>
public sealed class DashboardAuthenticationStateProvider(ILoggerFactory logs, IServiceScopeFactory scopes, TimeProvider time)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(3);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await IsStillValidAsync(state.User, scope.ServiceProvider.GetRequiredService<SignedOutSessions>(), time.GetUtcNow(), cancellationToken);
    }

    public static async Task<bool> IsStillValidAsync(ClaimsPrincipal user, SignedOutSessions signedOut, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!AuthPolicies.IsDashboardUser(user)) return false;
        if (user.FindFirstValue(SessionLifetime.SignedInAtItem) is { } at && DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.RoundtripKind, out var signedIn) && now - signedIn >= SessionLifetime.AbsoluteFor(user))
            return false;
        return user.FindFirstValue(SignedOutSessions.SessionClaim) is not { } sid || !await signedOut.IsRevokedAsync(sid, cancellationToken);
    }
}
