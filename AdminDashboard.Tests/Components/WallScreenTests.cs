using System.Collections.Immutable;
using AdminDashboard.Components.Pages;
using AdminDashboard.Core.Alerts;
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

/// <summary>The wall screen on the store: initials, no names, the rotation on the app's clock, live or paused, alerts, and nothing left behind.</summary>
public sealed class WallScreenTests : MudBunitContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly LiveUpdates _hub;
    private readonly DashboardStore _store;
    private readonly FakeAlertBoard _alerts = new();
    private readonly CountingTimers _timers;

    public WallScreenTests()
    {
        _timers = new CountingTimers(Time);
        _hub = new LiveUpdates(NullLogger<LiveUpdates>.Instance, Time);
        _hub.SetStatus(true, null);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        _store = new DashboardStore(new FakeDashboardReader(Now, Hospital.ZoneId), _hub, Hospital, Time, new DashboardMetrics(meters),
            Options.Create(new DashboardStoreOptions { RefreshSeconds = 5 }), NullLogger<DashboardStore>.Instance);
        Services.AddSingleton(_store);
        Services.AddSingleton<IAlertBoard>(_alerts);
        Services.AddSingleton<TimeProvider>(_timers);
        // As in a circuit: the rotation runs only on a live page.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _store.Dispose();
        base.Dispose(disposing);
    }

    private static HospitalEvent Booked(string id, string patient) => new(
        Guid.NewGuid().ToString("N"), EventTopics.AppointmentCreated, Now, PatientId: "1", DoctorId: "2", AppointmentId: id,
        PatientName: patient, DoctorName: "Dr. Grace Ho", Department: "Cardiology", ScheduledAt: Now.AddHours(2));

    private IRenderedComponent<WallScreen> RenderWall()
    {
        var wall = Render<WallScreen>();
        wall.WaitForAssertion(() => Assert.Equal("50", wall.Find("[data-kpi=today-appointments] [data-testid=kpi-value]").TextContent.Trim()), Patience);
        return wall;
    }

    private static string ChartIndex(IRenderedComponent<WallScreen> wall) => wall.Find("[data-testid=wall-chart]").GetAttribute("data-chart-index")!;

    [Fact]
    public void The_feed_shows_initials_and_the_full_name_is_nowhere_in_the_markup()
    {
        var wall = RenderWall();

        _hub.Publish(Booked("501", "Johnathan Doeberg"));

        wall.WaitForAssertion(() => Assert.Single(wall.FindAll("[data-testid=wall-feed-item]")), Patience);
        Assert.Contains("New appointment: J. D., Cardiology, at 11:00", wall.Find("[data-testid=wall-feed-item]").TextContent);
        Assert.DoesNotContain("Johnathan", wall.Markup);
        Assert.DoesNotContain("Doeberg", wall.Markup);
        Assert.DoesNotContain("Grace", wall.Markup);
    }

    [Fact]
    public void The_charts_take_turns_every_twenty_seconds_on_the_apps_clock()
    {
        var wall = RenderWall();
        Assert.Equal("0", ChartIndex(wall));

        Time.Advance(WallScreen.RotationPeriod - TimeSpan.FromSeconds(1));
        Assert.Equal("0", ChartIndex(wall));
        Time.Advance(TimeSpan.FromSeconds(1));
        wall.WaitForAssertion(() => Assert.Equal("1", ChartIndex(wall)), Patience);

        for (var turn = 2; turn <= 6; turn++)
        {
            Time.Advance(WallScreen.RotationPeriod);
            var expected = (turn % AdminDashboard.Components.Wall.WallCharts.Count).ToString();
            wall.WaitForAssertion(() => Assert.Equal(expected, ChartIndex(wall)), Patience);
        }
        // Every chart is shown as a single large one, and the one with names (top doctors) never comes round.
        Assert.Single(wall.FindAll("[data-testid=wall-chart] .section-card"));
        Assert.Empty(wall.FindAll("[data-section=chart-top-doctors]"));
    }

    [Fact]
    public void It_says_live_then_paused_since_the_hospitals_time_when_the_event_stream_stops()
    {
        var wall = RenderWall();
        Assert.Equal("live", wall.Find("[data-testid=wall-live-status]").TextContent.Trim());

        Time.Advance(TimeSpan.FromMinutes(5));
        _hub.SetStatus(false, "the event broker is unreachable");

        wall.WaitForAssertion(() => Assert.Contains("paused since 09:05", wall.Find("[data-testid=wall-live-status]").TextContent), Patience);
        Assert.Contains("the event broker is unreachable", wall.Find("[data-testid=wall-live-status]").TextContent);
    }

    [Fact]
    public void Open_alerts_show_severity_subject_summary_and_an_age_that_grows()
    {
        var wall = RenderWall();
        Assert.Single(wall.FindAll("[data-testid=wall-alerts-none]"));

        _alerts.Raise(new Alert("a1", "service-unavailable", AlertSeverity.Critical, "billing", "Billing has been unavailable for 60 s",
            AlertState.Raised, Time.GetUtcNow().AddMinutes(-4), null, null, null));

        wall.WaitForAssertion(() => Assert.Single(wall.FindAll("[data-testid=wall-alert]")), Patience);
        var alert = wall.Find("[data-testid=wall-alert]").TextContent;
        Assert.Contains("CRITICAL", alert);
        Assert.Contains("billing", alert);
        Assert.Contains("Billing has been unavailable for 60 s", alert);
        Assert.Contains("4 min ago", alert);
        Time.Advance(WallScreen.RotationPeriod * 3);
        wall.WaitForAssertion(() => Assert.Contains("5 min ago", wall.Find("[data-testid=wall-alert]").TextContent), Patience);
    }

    [Fact]
    public void It_has_nothing_to_press()
    {
        var wall = RenderWall();
        _hub.Publish(Booked("502", "Mary Smith"));
        wall.WaitForAssertion(() => Assert.Single(wall.FindAll("[data-testid=wall-feed-item]")), Patience);
        for (var turn = 0; turn < AdminDashboard.Components.Wall.WallCharts.Count; turn++)
        {
            Assert.Empty(wall.FindAll("button, a, input, select, textarea, [role=button], [tabindex]:not([tabindex='-1'])"));
            Time.Advance(WallScreen.RotationPeriod);
            var next = ((turn + 1) % AdminDashboard.Components.Wall.WallCharts.Count).ToString();
            wall.WaitForAssertion(() => Assert.Equal(next, ChartIndex(wall)), Patience);
        }
    }

    [Fact]
    public async Task A_closed_wall_leaves_no_subscription_and_no_timer_behind()
    {
        var timersBefore = _timers.Open;
        RenderWall();
        Assert.Equal(1, _store.SubscriptionCount);
        Assert.Equal(1, _alerts.Subscribers);
        Assert.True(_timers.Open > timersBefore, "the wall's rotation holds no timer");

        await DisposeComponentsAsync();

        Assert.Equal(0, _store.SubscriptionCount);
        Assert.Equal(0, _alerts.Subscribers);
        Assert.Equal(timersBefore, _timers.Open);
    }

    /// <summary>The app's clock for the page, counting the timers it holds open.</summary>
    private sealed class CountingTimers(TimeProvider time) : TimeProvider
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

        public override TimeZoneInfo LocalTimeZone => time.LocalTimeZone;

        public override long GetTimestamp() => time.GetTimestamp();

        public override long TimestampFrequency => time.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _open);
            return new Counted(time.CreateTimer(callback, state, dueTime, period), () => Interlocked.Decrement(ref _open));
        }

        private sealed class Counted(ITimer timer, Action disposed) : ITimer
        {
            private int _disposed;

            public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0) disposed();
                timer.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }

    /// <summary>A board a test raises alerts on; the product's board is the alerts feature's.</summary>
    private sealed class FakeAlertBoard : IAlertBoard
    {
        private readonly List<Func<AlertTransition, Task>> _callbacks = [];

        public AlertsView Current { get; private set; } = AlertsView.Empty;

        public int Subscribers { get { lock (_callbacks) { return _callbacks.Count; } } }

        public void Raise(Alert alert)
        {
            Current = new AlertsView([alert, .. Current.Open], [alert, .. Current.Recent]);
            Func<AlertTransition, Task>[] targets;
            lock (_callbacks) { targets = [.. _callbacks]; }
            foreach (var callback in targets) _ = callback(new AlertTransition(alert, alert.RaisedAt));
        }

        public IDisposable Subscribe(Func<AlertTransition, Task> callback)
        {
            lock (_callbacks) { _callbacks.Add(callback); }
            return new Unsubscriber(() => { lock (_callbacks) { _callbacks.Remove(callback); } });
        }

        public Task<AcknowledgeOutcome> AcknowledgeAsync(string id, string acknowledgedBy, CancellationToken cancellationToken) =>
            Task.FromResult(AcknowledgeOutcome.NotFound);

        private sealed class Unsubscriber(Action dispose) : IDisposable
        {
            private int _disposed;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
            }
        }
    }
}
