using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;

namespace AdminDashboard.Auth;

public static class AuthExtensions
{
    /// <summary>
    /// Bearer tokens for tools (in Development, the ones <c>dotnet user-jwts</c> makes), a cookie for the browser UI,
    /// and one Admin policy that every admin endpoint and page requires.
    /// </summary>
    public static IServiceCollection AddDashboardAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DashboardAuthOptions>().Bind(configuration.GetSection(DashboardAuthOptions.SectionName))
            .Validate(o => !o.DevelopmentSignIn || environment.IsDevelopment(),
                "Auth:DevelopmentSignIn may only be enabled in the Development environment.")
            .ValidateOnStart();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthPolicies.BearerOrCookie;
                o.DefaultChallengeScheme = AuthPolicies.BearerOrCookie;
            })
            .AddPolicyScheme(AuthPolicies.BearerOrCookie, "Bearer token or sign-in cookie", o =>
            {
                o.ForwardDefaultSelector = SelectScheme;
            })
            // Reads Authentication:Schemes:Bearer (issuer, audiences, signing keys) as user-jwts writes them.
            .AddJwtBearer()
            .AddCookie(o =>
            {
                o.Cookie.Name = AuthPolicies.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = AuthPolicies.LoginPath;
                o.LogoutPath = AuthPolicies.LogoutPath;
                o.AccessDeniedPath = AuthPolicies.AccessDeniedPath;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // The API answers with status codes (problem details), never with a redirect to a page.
                o.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden);
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(AuthPolicies.AdminRole));
        services.AddCascadingAuthenticationState();
        return services;
    }

    private static Task ApiStatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/v1"))
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

    public static WebApplication MapDashboardAuth(this WebApplication app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/dev-signin", async (HttpContext context, [FromForm] string? returnUrl,
            Microsoft.Extensions.Options.IOptions<DashboardAuthOptions> options) =>
        {
            if (!options.Value.DevelopmentSignIn)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Development sign-in is off",
                    detail: "Sign-in as a development admin exists only in the Development environment.");
            var identity = new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, "dev-admin"),
                    new Claim(ClaimTypes.Name, "Development Admin"),
                    new Claim(ClaimTypes.Role, AuthPolicies.AdminRole),
                ], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        });
        account.MapPost("/logout", async (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out form expired", detail: "Reload the page and sign out again.");
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(AuthPolicies.LoginPath);
        });
        return app;
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\")
        && !url.Any(char.IsControl) && Uri.IsWellFormedUriString(url, UriKind.Relative);
}
