using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace AdminDashboard.Auth;

public static class DashboardAuthentication
{
    /// <summary>
    /// Who may use the dashboard. Production: Microsoft Entra ID (<c>AzureAd</c> section): OpenID Connect for the
    /// UI, JWT bearer for the API, app role <c>Admin</c>. Development: a one-click development admin and the tokens
    /// <c>dotnet user-jwts</c> makes. Starting outside Development without an Entra configuration fails at start-up
    /// (<see cref="ValidateDashboardAuth"/>).
    /// </summary>
    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DashboardAuthOptions>().Bind(configuration.GetSection(DashboardAuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardAuthOptions>, ValidateDashboardAuth>();

        var entraId = ValidateDashboardAuth.EntraIdConfigured(configuration);
        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthPolicies.BearerOrCookie;
                o.DefaultChallengeScheme = AuthPolicies.BearerOrCookie;
            })
            .AddPolicyScheme(AuthPolicies.BearerOrCookie, "Bearer token or sign-in cookie", o => o.ForwardDefaultSelector = SelectScheme);
        if (entraId)
        {
            // Entra tokens only: the API validates against the tenant's keys, the UI signs in with OpenID Connect.
            authentication.AddMicrosoftIdentityWebApi(configuration.GetSection(AuthPolicies.EntraIdSection), JwtBearerDefaults.AuthenticationScheme);
            authentication.AddMicrosoftIdentityWebApp(configuration.GetSection(AuthPolicies.EntraIdSection),
                OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme);
            services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o => ConfigureCookie(o, environment));
        }
        else
        {
            // Development: reads Authentication:Schemes:Bearer (issuer, audiences, signing keys) as user-jwts writes them.
            authentication.AddJwtBearer().AddCookie(o => ConfigureCookie(o, environment));
        }

        services.AddValidatedTokenCache();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<SignedOutSessions>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, DashboardAuthenticationStateProvider>();
        return services;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o, IHostEnvironment environment)
    {
        o.Cookie.Name = AuthPolicies.CookieName;
        o.Cookie.HttpOnly = true;
        // Lax, not Strict: links from e-mail or chat open the dashboard signed in, and the Entra sign-in can return.
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        o.LoginPath = AuthPolicies.LoginPath;
        o.LogoutPath = AuthPolicies.LogoutPath;
        o.AccessDeniedPath = AuthPolicies.AccessDeniedPath;
        o.SlidingExpiration = true;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        SessionLifetime.Apply(o);
        // The API answers with status codes (problem details), never with a redirect to a page.
        o.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden);
    }

    private static Task ApiStatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        // A scraper cannot follow a sign-in page either.
        if (context.Request.Path.StartsWithSegments("/v1") || context.Request.Path.StartsWithSegments(Observability.MetricsAccess.Path))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>A bearer header means a tool; an API call without one is a tool too, unless the browser's cookie is there.</summary>
    private static string SelectScheme(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return JwtBearerDefaults.AuthenticationScheme;
        if (context.Request.Path.StartsWithSegments("/v1") && !context.Request.Cookies.ContainsKey(AuthPolicies.CookieName))
            return JwtBearerDefaults.AuthenticationScheme;
        return CookieAuthenticationDefaults.AuthenticationScheme;
    }
}
