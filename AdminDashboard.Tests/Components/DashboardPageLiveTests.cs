using AdminDashboard.Audit;
using AdminDashboard.Components.Pages;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Store;
using AdminDashboard.Tests.Store;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AdminDashboard.Tests.Components;

/// <summary>The dashboard page on the store: what a snapshot shows, pause, and what it leaves behind.</summary>
public sealed class DashboardPageLiveTests : MudBunitContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly LiveUpdates _hub;
    private readonly FakeDashboardReader _reader;
    private readonly DashboardStore _store;

    public DashboardPageLiveTests()
    {
        _hub = new LiveUpdates(NullLogger<LiveUpdates>.Instance, Time);
        _hub.SetStatus(true, null);
        _reader = new FakeDashboardReader(Now, Hospital.ZoneId);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        _store = new DashboardStore(_reader, _hub, Hospital, Time, new DashboardMetrics(meters),
            Options.Create(new DashboardStoreOptions { RefreshSeconds = 5 }), NullLogger<DashboardStore>.Instance);
        Services.AddSingleton(_store);
        Services.AddSingleton(new AuditLog(new AdminDashboard.Audit.AuditLogWriter(NullLoggerFactory.Instance), Time, new AdminDashboard.Audit.MemoryAuditSink()));
        // As in a circuit: the page is interactive (no user here, so nothing is audited).
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _store.Dispose();
        base.Dispose(disposing);
    }

    private static HospitalEvent Booked(string id) => new(
        Guid.NewGuid().ToString("N"), EventTopics.AppointmentCreated, Now, PatientId: "1", DoctorId: "2", AppointmentId: id,
        PatientName: "John Doe", DoctorName: "Dr. Smith", ScheduledAt: Now.AddHours(2));

    private static string Kpi(IRenderedComponent<Dashboard> page, string id) => page.Find($"[data-kpi={id}] [data-testid=kpi-value]").TextContent.Trim();

    [Fact]
    public async Task A_paused_page_keeps_its_figures_on_the_timer_but_still_shows_events()
    {
        var page = Render<Dashboard>();
        page.WaitForAssertion(() => Assert.Equal("100", Kpi(page, "total-patients")), Patience);
        var autoRefresh = page.FindComponent<MudSwitch<bool>>();
        await page.InvokeAsync(() => autoRefresh.Instance.ValueChanged.InvokeAsync(false));
        var watching = Render<Dashboard>();
        _reader.TotalPatients = 101;
        Time.Advance(_store.RefreshPeriod);
        // Both pages were handed the timer's snapshot together: the one still on auto-refresh shows it, the paused one not.
        watching.WaitForAssertion(() => Assert.Equal("101", Kpi(watching, "total-patients")), Patience);
        await page.InvokeAsync(() => { });
        Assert.Equal("100", Kpi(page, "total-patients"));

        _hub.Publish(Booked("501"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=feed-item]")), Patience);
        Assert.Equal("101", Kpi(page, "total-patients"));
    }

    [Fact]
    public async Task Two_hundred_pages_opened_and_closed_leave_no_subscription_on_the_store()
    {
        for (var i = 0; i < 200; i++)
        {
            Render<Dashboard>();
            Assert.Equal(1, _store.SubscriptionCount);
            await DisposeComponentsAsync();
            Render<MudPopoverProvider>();
        }

        Assert.Equal(0, _store.SubscriptionCount);
    }
}
