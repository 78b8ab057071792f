using AdminDashboard.Components.Layout;
using MudBlazor;
using MudBlazor.Utilities;

namespace AdminDashboard.Tests.Components;

/// <summary>
/// The palette against WCAG 2.1 AA, computed from the theme itself: every state colour as text on the page and its
/// cards, and the text on every filled state colour, at 4.5:1 or more in both themes. The browser scans
/// (Browser/AccessibilityTests) check what is on screen; this checks the colours no page happens to show today.
/// </summary>
public sealed class DashboardThemeTests
{
    private const double NormalText = 4.5;

    public static TheoryData<string> Themes() => ["light", "dark"];

    private static Palette PaletteOf(string theme) => theme == "dark" ? DashboardTheme.Dark : DashboardTheme.Light;

    private static IEnumerable<(string Name, MudColor Colour, MudColor Text)> States(Palette p) =>
    [
        ("primary", p.Primary, p.PrimaryContrastText),
        ("info", p.Info, p.InfoContrastText),
        ("success", p.Success, p.SuccessContrastText),
        ("warning", p.Warning, p.WarningContrastText),
        ("error", p.Error, p.ErrorContrastText),
    ];

    [Theory]
    [MemberData(nameof(Themes))]
    public void Every_state_colour_reads_as_text_on_the_page_and_on_a_card(string theme)
    {
        var p = PaletteOf(theme);
        foreach (var (name, colour, _) in States(p))
        foreach (var (where, background) in new[] { ("page", p.Background), ("card", p.Surface) })
            AssertReads($"{theme} {name} on the {where}", colour, background);
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public void Text_on_every_filled_state_colour_reads(string theme)
    {
        foreach (var (name, colour, text) in States(PaletteOf(theme)))
            AssertReads($"{theme} text on filled {name}", text, colour);
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public void Primary_and_secondary_text_read_on_the_page_on_a_card_and_in_the_top_bar(string theme)
    {
        var p = PaletteOf(theme);
        foreach (var (where, background) in new[] { ("page", p.Background), ("card", p.Surface) })
        {
            AssertReads($"{theme} text on the {where}", p.TextPrimary, background);
            AssertReads($"{theme} secondary text on the {where}", p.TextSecondary, background);
        }
        AssertReads($"{theme} top bar text", p.AppbarText, p.AppbarBackground);
    }

    [Fact]
    public void The_contrast_formula_gives_the_known_ratios()
    {
        Assert.Equal(21.0, Contrast(new MudColor("#000000"), new MudColor("#ffffff")), 2);
        // MudBlazor's default green chip on white, the failure the outside scan reported.
        Assert.Equal(2.24, Contrast(new MudColor("#00c853"), new MudColor("#ffffff")), 2);
    }

    private static void AssertReads(string what, MudColor text, MudColor background)
    {
        var ratio = Contrast(text, background);
        Assert.True(ratio >= NormalText, $"{what}: {ratio:0.00}:1, needs {NormalText}:1");
    }

    /// <summary>WCAG 2.1's contrast ratio; a translucent text colour is first laid over its background.</summary>
    private static double Contrast(MudColor text, MudColor background)
    {
        var alpha = text.A / 255.0;
        double Over(byte fg, byte bg) => fg * alpha + bg * (1 - alpha);
        var lighter = Luminance(Over(text.R, background.R), Over(text.G, background.G), Over(text.B, background.B));
        var darker = Luminance(background.R, background.G, background.B);
        if (lighter < darker) (lighter, darker) = (darker, lighter);
        return (lighter + 0.05) / (darker + 0.05);
    }

    private static double Luminance(double r, double g, double b)
    {
        static double Linear(double channel)
        {
            var c = channel / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);
    }
}
