using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Tests.Infrastructure;

/// <summary>
/// Posts the development sign-in form as a browser would: with a real antiforgery token from the app's own key ring,
/// without following the redirect. So a refusal can only come from the sign-in itself, never from antiforgery (400).
/// </summary>
public static class DevelopmentSignInForm
{
    /// <param name="account">Null for the development admin; <see cref="AdminDashboard.Auth.DevelopmentSignIn.WallScreenAccount"/> for the wall screen.</param>
    public static async Task<HttpResponseMessage> PostAsync(DashboardAppFactory app, IDictionary<string, string>? headers = null, string? account = null)
    {
        app.StartServer();
        var antiforgery = app.Services.GetRequiredService<IAntiforgery>();
        var tokens = antiforgery.GetAndStoreTokens(new DefaultHttpContext { RequestServices = app.Services });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.ServerUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/dev-signin")
        {
            Content = new FormUrlEncodedContent(
            [
                new(tokens.FormFieldName, tokens.RequestToken!), new("returnUrl", "/"),
                .. account is null ? [] : new KeyValuePair<string, string>[] { new(AdminDashboard.Auth.DevelopmentSignIn.AccountField, account) },
            ]),
        };
        var cookieName = app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        request.Headers.Add("Cookie", $"{cookieName}={tokens.CookieToken!}");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.Add(name, value);
        return await client.SendAsync(request);
    }

    /// <summary>Whether the answer signs the browser in: the dashboard's auth cookie is set.</summary>
    public static bool SetsTheAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith(AdminDashboard.Auth.AuthPolicies.CookieName + "=", StringComparison.Ordinal));

    /// <summary>The sign-in cookie the answer sets, as a Cookie header's value.</summary>
    public static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AdminDashboard.Auth.AuthPolicies.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];

    public static bool IsSignedIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && SetsTheAuthCookie(response);
}
