using AdminDashboard.Components.Layout;
using AdminDashboard.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AdminDashboard.Tests.Browser;

/// <summary>
/// Every page, in both themes, scanned with axe-core against WCAG 2.1 A and AA: no serious or critical violation.
/// The theme comes from its cookie, as after a reload, so each dark scan also shows the choice survives one.
/// </summary>
[Collection(DashboardAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AccessibilityTests(DashboardAppFactory app, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly string[] WcagAa = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    // The page's background in each theme (MudBlazor's defaults), to tell that the theme took from the first paint.
    private const string LightBackground = "rgb(255, 255, 255)", DarkBackground = "rgb(50, 51, 61)";

    public async Task InitializeAsync()
    {
        await app.ClearFaultsAsync();
        await app.EnsureWarmAsync();
        app.StartServer();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, bool> PagesInBothThemes()
    {
        var data = new TheoryData<string, bool>();
        foreach (var path in new[] { "/account/login", "/", "/system", "/alerts", "/audit", "/about" })
        foreach (var dark in new[] { false, true })
            data.Add(path, dark);
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesInBothThemes))]
    public async Task Every_page_in_both_themes_has_no_serious_or_critical_accessibility_violation(string path, bool dark)
    {
        await using var context = await NewContextAsync(dark);
        var page = await context.NewPageAsync();
        if (path == "/account/login")
        {
            await page.GotoAsync(path);
            await page.Locator("#dev-signin").WaitForAsync();
        }
        else
        {
            await SignInAsync(page);
            await page.GotoAsync(path);
            await WaitForContentAsync(page, path);
        }

        Assert.Equal(dark ? DarkBackground : LightBackground, await BackgroundAsync(page));
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagAa] } });
        var name = (path == "/" ? "dashboard" : path.Trim('/').Replace('/', '-')) + (dark ? "-dark" : "-light");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot($"a11y-{name}.png"), FullPage = true });

        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"{path} ({(dark ? "dark" : "light")}):\n" + string.Join("\n", blocking.Select(Describe)));
    }

    /// <summary>The wall has one theme (dark, whatever the cookie says), scanned with a booking in its feed and a chart up.</summary>
    [Fact]
    public async Task The_wall_screen_in_its_one_theme_has_no_serious_or_critical_accessibility_violation()
    {
        await using var context = await NewContextAsync(dark: false);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync(AdminDashboard.Auth.AuthPolicies.WallPath);
        await page.ClickAsync("#dev-signin-wall");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == AdminDashboard.Auth.AuthPolicies.WallPath);
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.Locator("[data-kpi=today-appointments] [data-testid=kpi-value]").WaitForAsync();
        await page.Locator("[data-testid=wall-chart] svg").First.WaitForAsync();
        using var appointments = app.CreateServiceClient(AdminDashboard.Core.Upstream.UpstreamService.Appointments);
        using var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(appointments, "/v1/appointments",
            new { patientId = 77, doctorId = 7, scheduledAt = app.TodayAt(new TimeOnly(16, 0)) });
        created.EnsureSuccessStatusCode();
        await page.Locator("[data-testid=wall-feed-item]").First.WaitForAsync();

        Assert.Equal(DarkBackground, await BackgroundAsync(page));
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagAa] } });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("a11y-wall-dark.png") });

        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, "/wall:\n" + string.Join("\n", blocking.Select(Describe)));
    }

    [Fact]
    public async Task The_dark_theme_survives_a_reload()
    {
        await using var context = await NewContextAsync(dark: false);
        var page = await context.NewPageAsync();
        await SignInAsync(page);
        Assert.Equal(LightBackground, await BackgroundAsync(page));

        await page.ClickAsync("[data-testid=theme-toggle]");
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", DarkBackground);
        await page.ReloadAsync();
        Assert.Equal(DarkBackground, await BackgroundAsync(page));

        // No flash of the light theme: the server's HTML, before any script runs, is already dark.
        await using (var noScript = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerUrl.ToString(), JavaScriptEnabled = false }))
        {
            await noScript.AddCookiesAsync((await context.CookiesAsync()).Select(c => new Cookie
            {
                Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
            }));
            var firstPaint = await noScript.NewPageAsync();
            await firstPaint.GotoAsync("/");
            await firstPaint.Locator("[data-testid=theme-toggle]").WaitForAsync();
            Assert.Equal(DarkBackground, await BackgroundAsync(firstPaint));
        }

        await page.ClickAsync("[data-testid=theme-toggle]");
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", LightBackground);
        await page.ReloadAsync();
        Assert.Equal(LightBackground, await BackgroundAsync(page));
    }

    [Fact]
    public async Task Headings_go_down_one_level_at_a_time_from_the_page_title()
    {
        await using var context = await NewContextAsync(dark: false);
        var page = await context.NewPageAsync();
        await SignInAsync(page);
        await WaitForContentAsync(page, "/");

        var levels = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])");
        Assert.Equal(1, levels[0]);
        Assert.Single(levels, 1);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} followed by h{pair.Second}"));
        // The headline figures are figures, not headings.
        Assert.Equal(0, await page.Locator("[data-testid=kpi-value]:is(h1,h2,h3,h4,h5,h6)").CountAsync());
    }

    private async Task<IBrowserContext> NewContextAsync(bool dark)
    {
        // axe-core is injected by script; the app's CSP (script-src 'self') would refuse it, and the CSP is not under test here.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerUrl.ToString(), BypassCSP = true });
        context.SetDefaultTimeout(15_000);
        if (dark)
            await context.AddCookiesAsync([new Cookie { Name = ThemePreference.CookieName, Value = new ThemePreference(true).CookieValue, Url = app.ServerUrl.ToString() }]);
        return context;
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.ClickAsync("#dev-signin");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>Waits until the page shows its figures, not its skeletons: the scan is of what an admin reads.</summary>
    private static async Task WaitForContentAsync(IPage page, string path)
    {
        switch (path)
        {
            case "/":
                await page.Locator("[data-kpi=total-patients] [data-testid=kpi-value]").WaitForAsync();
                foreach (var chart in new[] { "chart-appointments", "chart-rates", "chart-revenue", "chart-departments", "chart-growth", "chart-top-doctors", "chart-stock" })
                    await page.Locator($"[data-section={chart}] svg").First.WaitForAsync();
                break;
            case "/system":
                await page.Locator("[data-testid=cache-families]").WaitForAsync();
                break;
            case "/alerts":
                await page.Locator("[data-testid=alerts-recent]").WaitForAsync();
                break;
            case "/audit":
                await page.Locator("[data-testid=audit-table]").WaitForAsync();
                break;
            case "/about":
                await page.Locator("[data-testid=about-mode]").WaitForAsync();
                break;
        }
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static string Describe(AxeResultItem v) =>
        $"{v.Impact} {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {n.Target}: {n.Html}"));
}
