using System.Net.Http.Json;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using HospitalServices.Hosting;
using Microsoft.Playwright;

namespace AdminDashboard.Tests.Browser;

/// <summary>What a person sees on the dashboard: charts that fill their cards, readable axes, toasts that leave the cards readable, today's partial day, counts in words.</summary>
[Collection(DashboardAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ReadableDashboardTests(DashboardAppFactory app, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private IBrowserContext _context = default!;

    public async Task InitializeAsync()
    {
        await app.ClearFaultsAsync();
        await app.EnsureWarmAsync();
        app.StartServer();
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ServerUrl.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
            // axe-core is injected by script, which the app's CSP (script-src 'self') would refuse.
            BypassCSP = true,
        });
        _context.SetDefaultTimeout(15_000);
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private async Task<IPage> SignInAsync()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync("#dev-signin");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return page;
    }

    private static readonly string[] AxisCharts = ["chart-appointments", "chart-rates", "chart-revenue", "chart-growth", "chart-top-doctors", "chart-stock"];

    [Fact]
    public async Task Each_chart_uses_the_width_of_its_card_and_revenue_per_day_has_few_axis_values()
    {
        var page = await SignInAsync();
        foreach (var chart in AxisCharts)
        {
            var svg = page.Locator($"[data-section={chart}] svg.mud-chart-line, [data-section={chart}] .mud-chart svg").First;
            await svg.WaitForAsync();
            // The plot, not the card's padding: the card's content box against the drawing's box.
            var ratio = await page.EvaluateAsync<double>($$"""
                () => {
                  const card = document.querySelector('[data-section={{chart}}]');
                  const style = getComputedStyle(card);
                  const inner = card.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                  const svg = card.querySelector('.mud-chart svg');
                  return svg.getBoundingClientRect().width / inner;
                }
                """);
            Assert.True(ratio >= 0.9, $"{chart} draws on {ratio:P0} of its card's width");
        }

        var yAxis = page.Locator("[data-section=chart-revenue] .mud-charts-yaxis text");
        await yAxis.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var yValues = await yAxis.CountAsync();
        Assert.InRange(yValues, 2, 7);
        var xValues = await page.Locator("[data-section=chart-revenue] .mud-charts-xaxis text").AllTextContentsAsync();
        Assert.InRange(xValues.Count(t => t.Trim().Length > 0), 2, 8);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("charts-fill-cards.png"), FullPage = true });
    }

    [Fact]
    public async Task Todays_rates_are_told_so_far_and_the_rate_line_ends_yesterday()
    {
        var page = await SignInAsync();
        var soFar = page.Locator("[data-section=chart-rates] [data-testid=rates-today]");
        await soFar.WaitForAsync();

        Assert.Matches(@"^Today so far: (no outcome known yet of [\d,]+ appointments?|[\d.]+% completed, [\d.]+% no-show, of [\d,]+ outcomes? known \([\d,]+ appointments?\))\. The line shows full days, up to yesterday\.$",
            (await soFar.InnerTextAsync()).Trim());
        // The rates' axis ends on yesterday; the appointments chart beside it still shows today.
        var today = DashboardAppFactory.PinnedDate.ToString("dd MMM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(today, await page.Locator("[data-section=chart-rates] .mud-charts-xaxis").TextContentAsync());
        Assert.Contains(today, await page.Locator("[data-section=chart-appointments] .mud-charts-xaxis").TextContentAsync());
        await page.Locator("[data-section=chart-rates]").ScreenshotAsync(new LocatorScreenshotOptions { Path = RepoPaths.Screenshot("rates-today-so-far.png") });
    }

    [Fact]
    public async Task One_toast_at_a_time_and_scrolled_to_the_foot_it_covers_no_card()
    {
        var page = await SignInAsync();
        await page.Locator("[data-testid=feed-empty]").WaitForAsync();

        using var appointments = app.CreateServiceClient(UpstreamService.Appointments);
        for (var i = 0; i < 3; i++)
        {
            using var created = await appointments.PostAsJsonAsync("/v1/appointments", new { patientId = 40 + i, doctorId = 7, scheduledAt = app.TodayAt(new TimeOnly(13, i)) });
            created.EnsureSuccessStatusCode();
        }
        await Assertions.Expect(page.Locator("[data-testid=feed-item]")).ToHaveCountAsync(3);
        var toast = page.Locator(".mud-snackbar");
        await toast.First.WaitForAsync();
        Assert.Equal(1, await toast.CountAsync());
        // Contrast is the toast's as it stays, not halfway through its fade-in: wait for its animations to end.
        await page.WaitForFunctionAsync("""
            () => { const t = document.querySelectorAll('.mud-snackbar');
                    return t.length === 1 && t[0].getAnimations({ subtree: true }).every(a => a.playState === 'finished'); }
            """);
        // The outside scan found the toast's text at about 2.9:1.
        var scan = await toast.First.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast"] } });
        Assert.Empty(scan.Violations);

        // At the top of the page the headline figures stay clear; scrolled to its foot, every card does: the page
        // keeps its foot free for the toast, so whatever a toast covers mid-page, scrolling down uncovers.
        foreach (var (scroll, cards) in new[] { ("0", "[data-kpi]"), ("document.documentElement.scrollHeight", "[data-kpi], [data-section], [data-testid=live-feed]") })
        {
            await page.EvaluateAsync($"() => window.scrollTo(0, {scroll})");
            var covered = await page.EvaluateAsync<string[]>($$"""
                () => {
                  const t = document.querySelector('.mud-snackbar').getBoundingClientRect();
                  return [...document.querySelectorAll('{{cards}}')]
                    .filter(c => { const r = c.getBoundingClientRect();
                                   return r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom; })
                    .map(c => c.dataset.kpi ?? c.dataset.section ?? c.dataset.testid);
                }
                """);
            Assert.True(covered.Length == 0, $"the toast covers {string.Join(", ", covered)} (scrolled to {scroll})");
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("toast-clear-of-cards.png") });
    }

    [Fact]
    public async Task Counts_read_in_the_singular_for_one()
    {
        var page = await SignInAsync();
        var caption = page.Locator("[data-kpi=revenue-today] [data-testid=kpi-caption]");
        await caption.WaitForAsync();

        Assert.Matches(@"^(1 payment|[\d,]+ payments)( · |$)", (await caption.InnerTextAsync()).Trim());
        Assert.DoesNotMatch(@"(?<![\d.,])1 (payments|items|days|messages|appointments|outcomes)\b", await page.Locator(".mud-main-content").InnerTextAsync());
    }
}
