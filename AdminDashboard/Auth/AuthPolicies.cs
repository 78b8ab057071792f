using Microsoft.AspNetCore.Authorization;

namespace AdminDashboard.Auth;

/// <summary>Names of the dashboard's authorization policies, roles and schemes, and the policies themselves.</summary>
public static class AuthPolicies
{
    /// <summary>
    /// One policy: the dashboard is for admins. It is also the fallback, so an endpoint or page mapped without a word
    /// about authorization is closed, not open; the few anonymous routes say <c>AllowAnonymous</c> where they are
    /// mapped (sign-in and sign-out, <c>/health</c>, static assets, not found), and a test holds them to an allow-list.
    /// </summary>
    public static IServiceCollection AddDashboardAuthorization(this IServiceCollection services)
    {
        var admin = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(AdminRole).Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, admin)
            .SetFallbackPolicy(admin);
        return services;
    }

    public const string Admin = "Admin";
    public const string AdminRole = "Admin";
    public const string BearerOrCookie = "BearerOrCookie";
    public const string CookieName = ".BlazorAdmin.Auth";
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string DevelopmentSignInPath = "/account/dev-signin";
    public const string AccessDeniedPath = "/account/denied";
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
