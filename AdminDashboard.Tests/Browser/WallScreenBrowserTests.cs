using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Auth;
using AdminDashboard.Components.Wall;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Seed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AdminDashboard.Tests.Browser;

/// <summary>
/// The wall screen in real Chromium at a TV's 1920x1080, signed in with the one-click wall screen (the Viewer role):
/// figures, no patient's name anywhere in the document, nothing to press; and it comes back by itself after the
/// dashboard's process is killed and started again.
/// </summary>
[Collection(DashboardAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class WallScreenBrowserTests(DashboardAppFactory app, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly ViewportSize Tv = new() { Width = 1920, Height = 1080 };

    public async Task InitializeAsync()
    {
        await app.ClearFaultsAsync();
        await app.EnsureWarmAsync();
        app.StartServer();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Signs in as the wall screen from the sign-in page and waits until the wall is live with its figures.</summary>
    private static async Task<IPage> OpenWallAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(AuthPolicies.WallPath);
        Assert.Contains(AuthPolicies.LoginPath, page.Url);
        await page.ClickAsync("#dev-signin-wall");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == AuthPolicies.WallPath);
        await ShowsLiveFiguresAsync(page);
        return page;
    }

    private static async Task ShowsLiveFiguresAsync(IPage page)
    {
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("[data-kpi=today-appointments] [data-testid=kpi-value]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*[0-9][0-9,]*\s*$"));
        await Assertions.Expect(page.Locator("[data-testid=wall-live-status]")).ToHaveTextAsync("live");
    }

    [Fact]
    public async Task At_1920x1080_a_wall_screen_sees_live_figures_initials_and_no_patients_name_anywhere_in_the_document()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerUrl.ToString(), ViewportSize = Tv });
        context.SetDefaultTimeout(30_000);
        var page = await OpenWallAsync(context);

        // A booking with a name on it reaches the wall as initials.
        const int patientId = 4242;
        var patient = SeedData.PatientName(patientId);
        using var appointments = app.CreateServiceClient(UpstreamService.Appointments);
        using var created = await appointments.PostAsJsonAsync("/v1/appointments", new { patientId, doctorId = 7, scheduledAt = app.TodayAt(new TimeOnly(15, 30)) });
        created.EnsureSuccessStatusCode();
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = (body.TryGetProperty("data", out var data) ? data : body).GetProperty("id").GetInt32();
        var line = page.Locator($"[data-testid=wall-feed-item][data-appointment-id='{id}']");
        await line.WaitForAsync();
        Assert.Contains($"New appointment: {WallText.Initials(patient)}", await line.InnerTextAsync());

        // Every name the embedded services hold for a patient (the seed's, by id, as the services make them), against
        // the whole document: text, attributes, titles, the reconnect dialog.
        using var api = app.CreateApiClient(TestTokens.Admin());
        var stats = await api.GetFromJsonAsync<JsonElement>("/v1/admin/dashboard/stats");
        var patients = stats.GetProperty("data").GetProperty("totalPatients").GetInt32();
        var names = Enumerable.Range(1, Math.Max(patients, SeedData.SeededPatients)).Select(SeedData.PatientName).Append(patient).ToHashSet();
        // The first chart and, one turn (20 s) later, the next: the rotation runs in the browser too. That no chart in
        // the rotation lists names (top doctors is left out) is held by the page's component tests.
        for (var turn = 0; turn < 2; turn++)
        {
            var document = await page.ContentAsync();
            var shown = names.Where(n => document.Contains(n, StringComparison.Ordinal)).ToList();
            Assert.True(shown.Count == 0, $"patient names on the wall (turn {turn}): {string.Join(", ", shown)}");
            if (turn > 0) break;
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("wall.png") });
            await Assertions.Expect(page.Locator("[data-testid=wall-chart]")).Not.ToHaveAttributeAsync("data-chart-index", "0", new() { Timeout = 60_000 });
        }

        // Its page view is on the audit trail, as an admin's is.
        var views = app.Services.GetRequiredService<AdminDashboard.Audit.AuditLog>().Recent(AdminDashboard.Audit.AuditLog.Kept);
        Assert.Contains(views, e => e.Action == AdminDashboard.Components.Layout.PageViewAudit.Action && e.Resource == AuthPolicies.WallPath && e.UserId == "dev-wall-screen");

        // A TV: one screen, nothing to press, nothing to scroll.
        Assert.Equal(0, await page.Locator("a, button, input, select, textarea, [role=button]").CountAsync());
        var scroll = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        var (scrollWidth, scrollHeight) = (scroll[0], scroll[1]);
        Assert.True(scrollWidth <= Tv.Width && scrollHeight <= Tv.Height, $"the wall needs scrolling: {scrollWidth}x{scrollHeight}");
    }

    [Fact]
    public async Task After_the_dashboard_process_is_killed_and_started_again_the_wall_shows_live_figures_with_no_one_touching_it()
    {
        var patience = TimeSpan.FromMinutes(2);
        await using var dashboard = new DashboardProcess();
        await dashboard.StartAsync(patience);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = dashboard.Url.ToString(), ViewportSize = Tv });
        context.SetDefaultTimeout((float)patience.TotalMilliseconds);
        var page = await OpenWallAsync(context);
        // Marks this document: after the restart the wall must be a newly loaded page (the old circuit died with the process).
        await page.EvaluateAsync("() => { window.beforeRestart = true; }");

        await dashboard.KillAsync();
        // The wall notices (its reconnect overlay opens), then probes until the server is back.
        await page.Locator("#components-reconnect-modal[open]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        // Nothing to press while it waits either: the admins' dialog has Retry and Resume, the wall's has none.
        Assert.Equal(0, await page.Locator("#components-reconnect-modal button").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("wall-reconnecting.png") });
        var restarted = System.Diagnostics.Stopwatch.StartNew();
        await dashboard.StartAsync(patience);
        var up = restarted.Elapsed;

        try
        {
            await page.WaitForFunctionAsync("() => window.beforeRestart === undefined && document.querySelector('[data-interactive=true]') !== null",
                null, new PageWaitForFunctionOptions { Timeout = (float)patience.TotalMilliseconds, PollingInterval = 250 });
            // The same sign-in cookie still works: the key ring that protects it survived the restart.
            Assert.Equal(AuthPolicies.WallPath, new Uri(page.Url).AbsolutePath);
            await ShowsLiveFiguresAsync(page);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            Assert.Fail($"the wall did not come back by itself ({page.Url}): {e.Message}\n{dashboard.Output[^Math.Min(dashboard.Output.Length, 4000)..]}");
        }
        Console.WriteLine($"Wall live again {restarted.Elapsed.TotalSeconds:0.0} s after the restart began (the server answered after {up.TotalSeconds:0.0} s)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("wall-after-restart.png") });
    }

    [Fact]
    public async Task A_service_failing_past_its_rule_shows_on_the_wall_as_an_open_alert_and_in_the_service_strip()
    {
        // An app of its own with one short rule (as the alerts' integration test sets it), so the alert comes in seconds.
        await using var alerting = new DashboardAppFactory();
        AdminDashboard.Tests.Alerts.AlertsIntegrationTests.UseShortServiceRule(alerting.Settings);
        await alerting.EnsureWarmAsync();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = alerting.ServerUrl.ToString(), ViewportSize = Tv });
        context.SetDefaultTimeout(60_000);
        var page = await OpenWallAsync(context);
        await page.Locator("[data-testid=wall-alerts-none]").WaitForAsync();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await alerting.SetFaultAsync(UpstreamService.Billing, HospitalServices.Faults.FaultMode.Error);
        await alerting.ClearStatsCacheAsync();

        var alert = page.Locator("[data-testid=wall-alert]", new() { HasText = "billing" });
        await alert.WaitForAsync();
        var shownAfter = watch.Elapsed;
        Assert.Contains("CRITICAL", await alert.InnerTextAsync());
        await Assertions.Expect(page.Locator("[data-service=billing] [data-testid=wall-service-state]")).Not.ToHaveTextAsync("up");
        Console.WriteLine($"Billing failing: alert on the wall {shownAfter.TotalSeconds:0.0} s after the fault (rule duration {AdminDashboard.Tests.Alerts.AlertsIntegrationTests.Duration.TotalSeconds:0} s)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("wall-alert.png") });
        await alerting.ClearFaultsAsync();
    }
}
