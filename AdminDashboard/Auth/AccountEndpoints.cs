using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace AdminDashboard.Auth;

public static class AccountEndpoints
{
    /// <summary>Browser sign-in forms and redirects, not part of the JSON API's contract.</summary>
    public static WebApplication MapDashboardAccount(this WebApplication app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapPost("/dev-signin", async (HttpContext context, [FromForm] string? returnUrl, [FromForm(Name = DevelopmentSignIn.AccountField)] string? account) =>
        {
            if (!DevelopmentSignIn.IsOfferedTo(context))
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Development sign-in is off",
                    detail: "Sign-in as a development admin exists only in the Development environment, without Entra ID, for clients on this machine.");
            // A wall screen sees the wall and nothing else, so it lands there whatever page asked for the sign-in.
            var wallScreen = account == DevelopmentSignIn.WallScreenAccount;
            var identity = new ClaimsIdentity(
                wallScreen
                    ?
                    [
                        new Claim(ClaimTypes.NameIdentifier, "dev-wall-screen"),
                        new Claim(ClaimTypes.Name, "Development wall screen"),
                        new Claim(ClaimTypes.Role, AuthPolicies.ViewerRole),
                    ]
                    :
                    [
                        new Claim(ClaimTypes.NameIdentifier, "dev-admin"),
                        new Claim(ClaimTypes.Name, "Development Admin"),
                        new Claim(ClaimTypes.Role, AuthPolicies.AdminRole),
                    ], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(wallScreen ? AuthPolicies.WallPath : IsLocal(returnUrl) ? returnUrl! : "/");
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
