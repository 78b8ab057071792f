using MudBlazor;

namespace AdminDashboard.Components.Layout;

/// <summary>
/// The one palette of the app, both themes. Every state colour (primary, info, success, warning, error) reads at
/// 4.5:1 or more as text on the page and on its cards, and its text reads at 4.5:1 on it when filled (toasts, filled
/// chips): WCAG 2.1 AA for normal text, so also the 3:1 of large text and graphics. MudBlazor's defaults do not
/// (its green "live" chip is 2.2:1 on white); components take their colours from here, never their own.
/// Charts keep the Okabe-Ito colours of <see cref="Charts.ChartPalette"/>.
/// </summary>
public static class DashboardTheme
{
    // What a dark theme's filled state colour carries: they are light tints, so their text is dark.
    private const string DarkText = "rgba(0,0,0,0.87)";

    public static PaletteLight Light { get; } = new()
    {
        Primary = "#1565c0",
        AppbarBackground = "#0d47a1",
        Info = "#0277bd",
        Success = "#2e7d32",
        Warning = "#c2410c",
        Error = "#d32f2f",
    };

    public static PaletteDark Dark { get; } = new()
    {
        Primary = "#90caf9",
        PrimaryContrastText = DarkText,
        AppbarBackground = "#1e2a3a",
        Info = "#4fc3f7",
        InfoContrastText = DarkText,
        Success = "#81c784",
        SuccessContrastText = DarkText,
        Warning = "#ffb74d",
        WarningContrastText = DarkText,
        Error = "#ef9a9a",
        ErrorContrastText = DarkText,
        // MudBlazor's 50 % white is 4.25:1 on a dark card.
        TextSecondary = "rgba(255,255,255,0.65)",
    };

    public static MudTheme Theme { get; } = new() { PaletteLight = Light, PaletteDark = Dark };
}
