using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace AdminDashboard.Auth;

/// <summary>Names of the dashboard's authorization policies, roles and schemes, and the policies themselves.</summary>
public static class AuthPolicies
{
    /// <summary>
    /// The dashboard is for admins: <see cref="Admin"/> is also the fallback, so an endpoint or page mapped without a
    /// word about authorization is closed, not open; the few anonymous routes say <c>AllowAnonymous</c> where they are
    /// mapped (sign-in and sign-out, <c>/health</c>, static assets, not found), and a test holds them to an allow-list.
    /// <see cref="Wall"/> admits a wall screen (<see cref="ViewerRole"/>) as well, and is named only by the wall page and
    /// the circuit's own endpoints (<c>/_blazor</c>), without which no interactive page runs.
    /// </summary>
    public static IServiceCollection AddDashboardAuthorization(this IServiceCollection services)
    {
        var admin = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(AdminRole).Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, admin)
            .AddPolicy(Wall, p => p.RequireAuthenticatedUser().RequireRole(AdminRole, ViewerRole))
            .SetFallbackPolicy(admin);
        return services;
    }

    /// <summary>True for a user the dashboard lets in at all: an admin, or a wall screen (which sees the wall only).</summary>
    public static bool IsDashboardUser(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (user.IsInRole(AdminRole) || user.IsInRole(ViewerRole));

    /// <summary>True for a wall screen's account: the Viewer role without the Admin role.</summary>
    public static bool IsWallScreen(ClaimsPrincipal user) => user.IsInRole(ViewerRole) && !user.IsInRole(AdminRole);

    public const string Admin = "Admin";
    public const string AdminRole = "Admin";

    /// <summary>The wall screen's policy: the Admin or the Viewer role.</summary>
    public const string Wall = "Wall";

    /// <summary>The app role (Entra ID) or role claim of a wall screen's account: it sees <c>/wall</c> and nothing else.</summary>
    public const string ViewerRole = "Viewer";
    public const string BearerOrCookie = "BearerOrCookie";
    public const string CookieName = ".BlazorAdmin.Auth";
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string DevelopmentSignInPath = "/account/dev-signin";
    public const string AccessDeniedPath = "/account/denied";

    /// <summary>The wall screen's page, the one page a Viewer may open.</summary>
    public const string WallPath = "/wall";
    public const string EntraIdSignInPath = "/account/entra-signin";
    public const string EntraIdSection = "AzureAd";
}

/// <summary><c>Auth</c> section: the dashboard's own sign-in settings (Entra ID reads the <c>AzureAd</c> section).</summary>
public sealed class DashboardAuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Offers a one-click sign-in as a development admin. Only honoured in the Development environment.</summary>
    public bool DevelopmentSignIn { get; set; }
}
