namespace AdminDashboard.Components.Layout;

/// <summary>
/// The admin's light or dark choice. It lives in a cookie so that the server's first render of every page already
/// has it: a reload shows the chosen theme from the first paint, with no flash of the other one.
/// </summary>
public sealed record ThemePreference(bool Dark)
{
    public const string CookieName = "blazoradmin-theme";
    private const string DarkValue = "dark", LightValue = "light";

    /// <summary>The cookie's value for this choice.</summary>
    public string CookieValue => Dark ? DarkValue : LightValue;

    /// <summary>The choice a request carries; light when it carries none.</summary>
    public static ThemePreference Of(HttpContext? request) =>
        new(request?.Request.Cookies[CookieName] == DarkValue);
}
