namespace AdminDashboard.Auth;

/// <summary>Names of the dashboard's authorization policies, roles and schemes.</summary>
public static class AuthPolicies
{
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

/// <summary><c>Auth</c> section. Entra ID sign-in comes with the security issue; this is the seam it plugs into.</summary>
public sealed class DashboardAuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Offers a one-click sign-in as a development admin. Only honoured in the Development environment.</summary>
    public bool DevelopmentSignIn { get; set; }
}
