using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AdminDashboard.Tests.Browser;

[Collection(DashboardAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class DashboardPageTests(DashboardAppFactory app, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private IBrowserContext _context = default!;

    public async Task InitializeAsync()
    {
        await app.ClearFaultsAsync();
        await app.EnsureWarmAsync();
        await app.ClearStatsCacheAsync();
        app.StartServer();
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerUrl.ToString() });
        _context.SetDefaultTimeout(15_000);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await app.ClearFaultsAsync();
    }

    private async Task<IPage> SignInAsync(IBrowserContext? context = null)
    {
        var page = await (context ?? _context).NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url);
        await page.ClickAsync("#dev-signin");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        // Act only once the circuit is up: prerendered HTML looks the same but does not react yet.
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return page;
    }

    private static async Task<string> KpiValueAsync(IPage page, string kpi)
    {
        var value = page.Locator($"[data-kpi={kpi}] [data-testid=kpi-value]");
        await value.WaitForAsync();
        return (await value.InnerTextAsync()).Trim();
    }

    [Fact]
    public async Task Signed_out_admin_is_sent_to_sign_in_and_then_sees_the_services_figures()
    {
        var page = await SignInAsync();

        var totalPatients = await KpiValueAsync(page, "total-patients");
        using var api = app.CreateApiClient(TestTokens.Admin());
        var stats = await api.GetFromJsonAsync<JsonElement>("/v1/admin/dashboard/stats");
        Assert.Equal(stats.GetProperty("data").GetProperty("totalPatients").GetInt32().ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US")), totalPatients);
        Assert.NotEqual("--", await KpiValueAsync(page, "revenue-today"));
        Assert.Equal("Development Admin", (await page.Locator("[data-testid=signed-in-user]").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("[data-testid=partial-banner]").CountAsync());
        Directory.CreateDirectory("TestResults");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "TestResults/dashboard.png", FullPage = true });
    }

    [Fact]
    public async Task Billing_failure_marks_revenue_unavailable_and_shows_the_banner_without_blanking_the_page()
    {
        var page = await SignInAsync();
        await KpiValueAsync(page, "total-patients");

        await app.SetFaultAsync(UpstreamService.Billing, "error");
        await app.ClearLastKnownGoodAsync();
        await app.ClearStatsCacheAsync();
        await page.ClickAsync("[data-testid=refresh]");

        var banner = page.Locator("[data-testid=partial-banner]");
        await banner.WaitForAsync();
        Assert.Contains("1 of 5 sources unavailable: Billing failed", await banner.InnerTextAsync());
        Assert.Equal("--", await KpiValueAsync(page, "revenue-today"));
        Assert.NotEqual("--", await KpiValueAsync(page, "total-patients"));
        Assert.Equal(1, await page.Locator("[data-section=revenue] [data-testid=section-unavailable]").CountAsync());
        Directory.CreateDirectory("TestResults");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "TestResults/dashboard-partial.png", FullPage = true });

        await app.ClearFaultsAsync();
        await app.ClearStatsCacheAsync();
        await page.ClickAsync("[data-testid=refresh]");
        await banner.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        Assert.NotEqual("--", await KpiValueAsync(page, "revenue-today"));
    }

    [Fact]
    public async Task A_new_appointment_reaches_every_open_dashboard_without_a_reload()
    {
        // Two admins, each in a browser of their own.
        await using var otherAdmin = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerUrl.ToString() });
        otherAdmin.SetDefaultTimeout(15_000);
        var first = await SignInAsync();
        var second = await SignInAsync(otherAdmin);
        var before = int.Parse(await KpiValueAsync(first, "today-appointments"), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.GetCultureInfo("en-US"));
        await first.Locator("[data-testid=feed-empty]").WaitForAsync();
        await second.Locator("[data-testid=feed-empty]").WaitForAsync();

        using var appointments = app.CreateServiceClient(UpstreamService.Appointments);
        var noon = new DateTimeOffset(DateTime.Now.Date.AddHours(12), DateTimeOffset.Now.Offset);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var created = await appointments.PostAsJsonAsync("/v1/appointments", new { patientId = 42, doctorId = 7, scheduledAt = noon });
        created.EnsureSuccessStatusCode();

        foreach (var page in new[] { first, second })
        {
            var item = page.Locator("[data-testid=feed-item]").First;
            await item.WaitForAsync();
            Assert.Contains("New appointment: ", await item.InnerTextAsync());
            await page.Locator(".mud-snackbar", new() { HasText = "New appointment: " }).First.WaitForAsync();
        }
        var shownAfter = watch.ElapsedMilliseconds;
        await Assertions.Expect(first.Locator("[data-kpi=today-appointments] [data-testid=kpi-value]"))
            .ToHaveTextAsync((before + 1).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        Console.WriteLine($"New appointment visible in two browsers {shownAfter} ms after the write (includes Playwright polling)");
        Directory.CreateDirectory("TestResults");
        await first.ScreenshotAsync(new PageScreenshotOptions { Path = "TestResults/dashboard-live.png", FullPage = true });
    }

    [Fact]
    public async Task Billing_failure_after_a_good_answer_shows_the_old_revenue_marked_with_its_age()
    {
        var page = await SignInAsync();
        var revenue = await KpiValueAsync(page, "revenue-today");

        await app.SetFaultAsync(UpstreamService.Billing, "hang");
        await app.ClearStatsCacheAsync();
        await page.ClickAsync("[data-testid=refresh]");

        var banner = page.Locator("[data-testid=partial-banner]");
        await banner.WaitForAsync();
        Assert.Matches(@"1 of 5 sources stale: Billing failed, showing figures \d+ (s|min) old", await banner.InnerTextAsync());
        Assert.Equal(revenue, await KpiValueAsync(page, "revenue-today"));
        Assert.Matches(@"\d+ (s|min) old: service unavailable", await page.Locator("[data-kpi=revenue-today] [data-testid=kpi-stale]").InnerTextAsync());
        Assert.Contains("stale", await page.Locator("[data-section=revenue] [data-testid=section-status]").InnerTextAsync());
        Directory.CreateDirectory("TestResults");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "TestResults/dashboard-stale.png", FullPage = true });
    }
}
