using System.Diagnostics;
using AdminDashboard.Components.Alerts;
using AdminDashboard.Components.Layout;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Tests.Alerts;
using AdminDashboard.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using HospitalServices.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AdminDashboard.Tests.Browser;

/// <summary>
/// An alert from fault to screen in a real browser: billing fails, the bell counts it and a toast says so, the admin
/// acknowledges it on the Alerts page, and it resolves once billing is back. The app is one of its own, with the
/// evaluator on and one short rule, so the shared app's pages never see these alerts.
/// </summary>
[Trait("Category", "Browser")]
public sealed class AlertsBrowserTests(AlertsBrowserTests.AlertingApp app, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<AlertsBrowserTests.AlertingApp>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly TimeSpan RuleDuration = AlertsIntegrationTests.Duration;

    /// <summary>The test app with the evaluator on and the integration tests' one short rule: a service unavailable for 2 s is critical.</summary>
    public sealed class AlertingApp : DashboardAppFactory
    {
        public AlertingApp() => AlertsIntegrationTests.UseShortServiceRule(Settings);
    }

    private IBrowserContext _context = default!;

    public async Task InitializeAsync()
    {
        await app.ClearFaultsAsync();
        await app.EnsureWarmAsync();
        await app.Services.GetRequiredService<AlertEvaluator>().Started.WaitAsync(TimeSpan.FromSeconds(60));
        _context = await NewContextAsync(dark: false);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await app.ClearFaultsAsync();
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

    private static async Task<IPage> SignInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync("#dev-signin");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>How the evaluator words billing's alert (its summary); other services' alerts, if any, are not this test's.</summary>
    private const string BillingSummary = "Billing has been unavailable";

    private static readonly AxeRunOptions WcagAa = new() { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

    private static void AssertAccessible(AxeResult result, string what)
    {
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"{what}:\n" + string.Join("\n", blocking.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
    }

    private static ILocator Bell(IPage page) => page.Locator("[data-testid=alert-bell]");

    [Fact]
    public async Task A_failing_service_rings_the_bell_and_toasts_and_the_admin_acknowledges_it_until_it_resolves()
    {
        var page = await SignInAsync(_context);
        // A cold service's first answer may have come late enough to raise an alert of its own; it resolves by itself.
        await Assertions.Expect(Bell(page)).ToHaveAttributeAsync("aria-label", "0 open alerts", new() { Timeout = 30_000 });

        var fault = Stopwatch.StartNew();
        await app.SetFaultAsync(UpstreamService.Billing, FaultMode.Error);
        // The figures the cache holds are billing's good ones; the store's next refresh must ask billing again.
        await app.ClearStatsCacheAsync();

        // Bounded generously: the store refreshes every second, the rule waits 2 s, a loaded CI box adds its own.
        var toast = page.Locator("[data-testid=alert-toast]", new() { HasText = BillingSummary });
        await toast.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var toastAfter = fault.Elapsed;
        await Assertions.Expect(Bell(page)).ToHaveAttributeAsync("aria-label", "1 open alert");
        var bellAfter = fault.Elapsed;
        output.WriteLine($"Billing failing to the alert on screen: toast {toastAfter.TotalSeconds:0.0} s, bell {bellAfter.TotalSeconds:0.0} s " +
                         $"(rule duration {RuleDuration.TotalSeconds} s, checked every 0.2 s, store refresh every 1 s; includes Playwright polling)");
        Assert.StartsWith("Critical alert:", (await toast.InnerTextAsync()).Trim());
        Assert.Equal("1", (await page.Locator("[data-testid=alert-bell-badge] .mud-badge").InnerTextAsync()).Trim());
        // The toast on its red fill: its text and its link read at 4.5:1, as it stays, not halfway through its fade-in.
        await page.WaitForFunctionAsync("""
            () => [...document.querySelectorAll('.mud-snackbar')].every(t => t.getAnimations({ subtree: true }).every(a => a.playState === 'finished'))
            """);
        AssertAccessible(await page.Locator(".mud-snackbar", new() { Has = toast }).RunAxe(WcagAa), "the toast");

        // The toast's link leads to the Alerts page, where the alert is open with its Acknowledge button.
        await toast.Locator("a").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == AlertsPage.Route);
        // Followed, the toast has said what it had to.
        await Assertions.Expect(toast).ToHaveCountAsync(0);
        var row = page.Locator("[data-testid=open-alert]", new() { HasText = BillingSummary });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-testid=alert-state]")).ToHaveTextAsync("raised");
        var id = await row.GetAttributeAsync("data-alert-id");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("alerts.png"), FullPage = true });
        AssertAccessible(await page.RunAxe(WcagAa), "the Alerts page");
        // And in the dark theme, with the alert open (the shared app's scans see the page's empty state only).
        await using (var darkContext = await NewContextAsync(dark: true))
        {
            var dark = await SignInAsync(darkContext);
            await dark.GotoAsync(AlertsPage.Route);
            await dark.Locator($"[data-testid=open-alert][data-alert-id='{id}']").WaitForAsync();
            await dark.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("alerts-dark.png"), FullPage = true });
            AssertAccessible(await dark.RunAxe(WcagAa), "the Alerts page, dark");
        }

        await row.Locator("[data-testid=acknowledge]").ClickAsync();

        await Assertions.Expect(row.Locator("[data-testid=alert-state]")).ToHaveTextAsync("acknowledged");
        await Assertions.Expect(row.Locator("[data-testid=alert-acknowledged]")).ToContainTextAsync("Development Admin at ");
        await Assertions.Expect(page.Locator("[data-testid=ack-message]")).ToHaveTextAsync("Acknowledged the critical alert on billing. It stays open until its condition clears.");
        Assert.Equal(0, await row.Locator("[data-testid=acknowledge]").CountAsync());
        // Acknowledged is still open: the bell keeps counting it until billing is back.
        await Assertions.Expect(Bell(page)).ToHaveAttributeAsync("aria-label", "1 open alert");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("alerts-acknowledged.png"), FullPage = true });

        var recovery = Stopwatch.StartNew();
        await app.ClearFaultsAsync();
        await app.ClearStatsCacheAsync();

        await page.Locator("[data-testid=alerts-open-empty]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var resolvedAfter = recovery.Elapsed;
        await Assertions.Expect(Bell(page)).ToHaveAttributeAsync("aria-label", "0 open alerts");
        output.WriteLine($"Billing back to the alert resolved on screen: {resolvedAfter.TotalSeconds:0.0} s (damping {RuleDuration.TotalSeconds} s; includes Playwright polling)");
        var recent = page.Locator($"[data-testid=recent-alert][data-alert-id='{id}']");
        await Assertions.Expect(recent.Locator("[data-testid=alert-state]")).ToHaveTextAsync("resolved");
        Assert.NotEqual("", (await recent.Locator("[data-testid=alert-resolved]").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("[data-testid=alert-bell-badge] .mud-badge").CountAsync());
    }
}
