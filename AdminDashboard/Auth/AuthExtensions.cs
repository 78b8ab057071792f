using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace AdminDashboard.Auth;

public static class AuthExtensions
{
    /// <summary>
    /// Who may use the dashboard. Production: Microsoft Entra ID (<c>AzureAd</c> section): OpenID Connect for the
    /// UI, JWT bearer for the API, app role <c>Admin</c>. Development: a one-click development admin and the tokens
    /// <c>dotnet user-jwts</c> makes. Starting outside Development without an Entra configuration fails at start-up.
    /// Plus rate limiting of the API per user and per IP.
    /// </summary>
    public static IServiceCollection AddDashboardAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DashboardAuthOptions>().Bind(configuration.GetSection(DashboardAuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardAuthOptions>>(new ValidateDashboardAuth(configuration, environment));

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

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(AuthPolicies.AdminRole));
        services.AddCascadingAuthenticationState();
        services.AddDashboardRateLimiting(configuration);
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
        // The API answers with status codes (problem details), never with a redirect to a page.
        o.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden);
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

    /// <summary>Fixed windows per user and per client IP on everything under /v1; 429 with Retry-After past either.</summary>
    private static void AddDashboardRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var o = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(r => r.PermitsPerUser >= 1 && r.PermitsPerIp >= 1 && r.WindowSeconds is >= 1 and <= 3600,
                "RateLimit: PermitsPerUser and PermitsPerIp must be at least 1, WindowSeconds between 1 and 3600.")
            .ValidateOnStart();
        var window = TimeSpan.FromSeconds(o.WindowSeconds);
        static bool IsApi(HttpContext c) => c.Request.Path.StartsWithSegments("/v1");
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(c => IsApi(c) && c.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetFixedWindowLimiter("user:" + UserKey(c.User),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = o.PermitsPerUser, Window = window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("none")),
                PartitionedRateLimiter.Create<HttpContext, string>(c => IsApi(c)
                    ? RateLimitPartition.GetFixedWindowLimiter("ip:" + c.Connection.RemoteIpAddress,
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = o.PermitsPerIp, Window = window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("none")));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"Slow down: try again in {Math.Ceiling(retryAfter.TotalSeconds)} s.").ExecuteAsync(context.HttpContext);
            };
        });
    }

    /// <summary>The stable identity of a user for limits and the audit log: object id, subject, or name.</summary>
    public static string UserKey(ClaimsPrincipal user) =>
        user.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier")
        ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? user.Identity?.Name ?? "unknown";

    public static WebApplication MapDashboardAuth(this WebApplication app)
    {
        // Browser sign-in forms and redirects, not part of the JSON API's contract.
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapPost("/dev-signin", async (HttpContext context, [FromForm] string? returnUrl, IOptions<DashboardAuthOptions> options, IHostEnvironment environment) =>
        {
            if (!options.Value.DevelopmentSignIn || !environment.IsDevelopment())
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
        account.MapGet("/entra-signin", (string? returnUrl, IConfiguration configuration) =>
            ValidateDashboardAuth.EntraIdConfigured(configuration)
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" }, [OpenIdConnectDefaults.AuthenticationScheme])
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Entra ID sign-in is not configured"));
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

/// <summary><c>RateLimit</c> section: requests per window under /v1, per signed-in user and per client IP.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";
    public int PermitsPerUser { get; set; } = 300;
    public int PermitsPerIp { get; set; } = 600;
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>Refuses to start with a sign-in that does not fit the environment, and says what to set.</summary>
public sealed class ValidateDashboardAuth(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<DashboardAuthOptions>
{
    public const string MissingIdentityMessage =
        "No sign-in is configured for the {0} environment. Set AzureAd:Instance (https://login.microsoftonline.com/), " +
        "AzureAd:TenantId and AzureAd:ClientId (and AzureAd:ClientSecret or a certificate for the web sign-in): see README, Security. " +
        "The development sign-in and dotnet user-jwts tokens work only in Development.";

    public static bool EntraIdConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{AuthPolicies.EntraIdSection}:ClientId"]);

    public ValidateOptionsResult Validate(string? name, DashboardAuthOptions options)
    {
        var errors = new List<string>();
        if (options.DevelopmentSignIn && !environment.IsDevelopment())
            errors.Add("Auth:DevelopmentSignIn may only be enabled in the Development environment.");
        if (!environment.IsDevelopment() && !EntraIdConfigured(configuration))
            errors.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, MissingIdentityMessage, environment.EnvironmentName));
        if (EntraIdConfigured(configuration))
        {
            foreach (var key in new[] { "Instance", "TenantId" })
                if (string.IsNullOrWhiteSpace(configuration[$"{AuthPolicies.EntraIdSection}:{key}"]))
                    errors.Add($"{AuthPolicies.EntraIdSection}:{key} is required with AzureAd:ClientId.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
