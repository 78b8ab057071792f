using System.Net;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Auth;

/// <summary>
/// When the one-click development admin is offered: in Development, with <c>Auth:DevelopmentSignIn</c> on, with no
/// Entra ID configured (a host that has a real sign-in never keeps a back door), and only to a client on this machine.
/// A Development dashboard reachable over the network therefore still signs no one in from elsewhere.
/// </summary>
public static class DevelopmentSignIn
{
    /// <summary>The sign-in form's field that picks the account; absent, the development admin.</summary>
    public const string AccountField = "account";

    /// <summary><see cref="AccountField"/>'s value for the one-click wall screen (the Viewer role), which lands on the wall.</summary>
    public const string WallScreenAccount = "wall-screen";

    public static bool IsOfferedTo(HttpContext context)
    {
        var services = context.RequestServices;
        return services.GetRequiredService<IOptions<DashboardAuthOptions>>().Value.DevelopmentSignIn
               && services.GetRequiredService<IHostEnvironment>().IsDevelopment()
               && !ValidateDashboardAuth.EntraIdConfigured(services.GetRequiredService<IConfiguration>())
               && IsLoopback(context.Connection.RemoteIpAddress);
    }

    // After UseForwardedHeaders: behind a trusted proxy this is the client the proxy saw, not the proxy.
    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);
}
