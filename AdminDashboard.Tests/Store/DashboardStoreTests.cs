using System.Diagnostics.Metrics;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Hospital;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdminDashboard.Tests.Store;

/// <summary>The one dashboard state: coalescing, snapshots, what a page receives and what it costs when it leaves.</summary>
public sealed class DashboardStoreTests : IDisposable
{
    /// <summary>09:00 on 10 March 2026 in Ho Chi Minh City (UTC+7).</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly TimeSpan Patience = StorePage.Patience;

    private readonly FakeTimeProvider _time = new(Now);
    private readonly LiveUpdates _hub;
    private readonly FakeDashboardReader _reader;
    private readonly IMeterFactory _meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
    private readonly DashboardStore _store;

    public DashboardStoreTests()
    {
        var hospital = new HospitalTime(TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"), _time);
        _hub = new LiveUpdates(NullLogger<LiveUpdates>.Instance, _time);
        _hub.SetStatus(true, null);
        _reader = new FakeDashboardReader(Now, hospital.ZoneId);
        _store = new DashboardStore(_reader, _hub, hospital, _time, new DashboardMetrics(_meters),
            Options.Create(new DashboardStoreOptions { RefreshSeconds = 5 }), NullLogger<DashboardStore>.Instance);
    }

    public void Dispose() => _store.Dispose();

    private static HospitalEvent Booked(string id) => new(
        Guid.NewGuid().ToString("N"), EventTopics.AppointmentCreated, Now, PatientId: "1", DoctorId: "2", AppointmentId: id,
        PatientName: "John Doe", DoctorName: "Dr. Smith", ScheduledAt: Now.AddHours(2));

    private static bool Loaded(DashboardSnapshot s) => s.Stats is not null && s.Charts.Trends is not null;

    [Fact]
    public async Task A_burst_costs_one_leading_refresh_and_one_trailing_one_whatever_the_number_of_dashboards()
    {
        var pages = Enumerable.Range(0, 20).Select(_ => new StorePage(_store)).ToList();
        foreach (var page in pages) await page.NextAsync(Loaded);
        // Pages that subscribed while the first load ran asked for a trailing one: the burst starts on an idle store.
        await _store.RequestRefresh(SnapshotCause.Timer);
        using var refreshes = new MetricCollector<long>(_meters, DashboardMetrics.MeterName, "dashboard.store.refreshes");
        var readsBefore = _reader.StatsReads;
        _reader.HoldStats = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reader.TotalPatients = 101;

        for (var i = 0; i < 10; i++) _hub.Publish(Booked($"{500 + i}"));
        // Every page has the ten lines while the refresh is still held: the events do not wait for it.
        foreach (var page in pages) await page.NextAsync(s => s.Feed.Length == DashboardStore.FeedLength && s.Feed[0].Event.AppointmentId == "509");
        await _reader.StatsReadsReach(readsBefore + 1).WaitAsync(Patience);
        Assert.Equal(readsBefore + 1, _reader.StatsReads);

        _reader.HoldStats.SetResult();
        foreach (var page in pages) await page.NextAsync(s => s.Stats!.Data!.TotalPatients == 101);
        // The trailing refresh has begun (the leading one published 101 just before it): a timer tick asked now is a
        // refresh of its own, not folded into the trailing one still pending.
        await _reader.StatsReadsReach(readsBefore + 2).WaitAsync(Patience);
        await _store.RequestRefresh(SnapshotCause.Timer);

        // The leading refresh, the one trailing refresh for the nine events that came during it, and the one asked above.
        Assert.Equal(readsBefore + 3, _reader.StatsReads);
        Assert.Equal(3, refreshes.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(2, refreshes.GetMeasurementSnapshot().Count(m => (string?)m.Tags["cause"] == "event"));
        foreach (var page in pages) page.Dispose();
    }

    [Fact]
    public async Task An_event_moves_its_figure_and_adds_its_feed_line_at_once_in_one_snapshot()
    {
        using var page = new StorePage(_store);
        var loaded = await page.NextAsync(Loaded);
        _reader.HoldStats = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        _hub.Publish(Booked("501"));
        var shown = await page.NextAsync(s => s.Cause == SnapshotCause.Event);

        Assert.Equal(loaded.Stats!.Data!.TodayAppointments + 1, shown.Stats!.Data!.TodayAppointments);
        Assert.Equal("501", Assert.Single(shown.Feed).Event.AppointmentId);
        _reader.HoldStats.SetResult();
    }

    [Fact]
    public async Task Figures_the_cache_computed_before_an_event_keep_that_events_delta()
    {
        using var page = new StorePage(_store);
        await page.NextAsync(Loaded);
        _reader.ComputedAt = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(1));

        _hub.Publish(Booked("501"));
        await page.NextAsync(s => s.Cause == SnapshotCause.Event);
        await _store.RequestRefresh(SnapshotCause.Timer);
        Assert.Equal(51, _store.Current(30).Stats!.Data!.TodayAppointments);

        // Figures computed after the event include it already: the delta is not counted twice.
        _reader.ComputedAt = _time.GetUtcNow().AddMilliseconds(1);
        _reader.TotalPatients = 102;
        await _store.RequestRefresh(SnapshotCause.Timer);
        Assert.Equal(50, _store.Current(30).Stats!.Data!.TodayAppointments);
    }

    [Fact]
    public async Task The_first_page_can_wait_for_the_first_figures_without_a_second_read()
    {
        _reader.HoldStats = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var page = new StorePage(_store);

        var loaded = _store.LoadedAsync(30);
        Assert.False(loaded.IsCompleted);
        _reader.HoldStats.SetResult();

        Assert.True(Loaded(await loaded.WaitAsync(Patience)));
        Assert.Equal(1, _reader.StatsReads);
    }

    [Fact]
    public async Task A_page_opened_once_the_figures_are_in_reads_them_at_once_without_another_read()
    {
        using var first = new StorePage(_store);
        await first.NextAsync(Loaded);
        var reads = _reader.StatsReads;

        // Handed nothing until something changes: what it shows is what it reads on subscribing.
        using var second = _store.Subscribe(30, _ => Task.CompletedTask);

        Assert.True(Loaded(_store.Current(30)));
        Assert.Equal(reads, _reader.StatsReads);
    }

    [Fact]
    public async Task A_refresh_that_changes_nothing_publishes_nothing_and_keeps_every_instance()
    {
        using var page = new StorePage(_store);
        var loaded = await page.NextAsync(Loaded);
        while (page.TryRead(out var later)) loaded = later!;

        await _store.RequestRefresh(SnapshotCause.Timer);

        var now = _store.Current(30);
        Assert.Equal(loaded.Version, now.Version);
        Assert.Same(loaded.Stats, now.Stats);
        Assert.Same(loaded.Charts, now.Charts);
    }

    [Fact]
    public async Task A_changed_chart_is_a_new_instance_and_the_others_keep_theirs()
    {
        using var page = new StorePage(_store);
        await page.NextAsync(Loaded);
        var before = _store.Current(30);
        _reader.CompletedToday = 4;

        await _store.RequestRefresh(SnapshotCause.Timer);

        var after = _store.Current(30);
        Assert.NotSame(before.Charts.Trends, after.Charts.Trends);
        Assert.Same(before.Charts.Revenue, after.Charts.Revenue);
        Assert.Same(before.Charts.Growth, after.Charts.Growth);
        Assert.Same(before.Stats, after.Stats);
    }

    [Fact]
    public async Task A_failing_chart_keeps_its_last_figures_while_the_rest_refresh()
    {
        using var page = new StorePage(_store);
        await page.NextAsync(Loaded);
        var growth = _store.Current(30).Charts.Growth;
        _reader.GrowthFails = true;
        _reader.CompletedToday = 5;

        await _store.RequestRefresh(SnapshotCause.Timer);

        Assert.Same(growth, _store.Current(30).Charts.Growth);
        Assert.Equal(5, _store.Current(30).Charts.Trends!.Data!.Daily[0].Counts.Completed);
    }

    [Fact]
    public async Task Pages_on_another_range_get_that_ranges_charts_and_the_same_stats()
    {
        using var month = new StorePage(_store, 30);
        using var week = new StorePage(_store, 7);
        var m = await month.NextAsync(s => Loaded(s) && s.Charts.Days == 30);
        var w = await week.NextAsync(s => Loaded(s) && s.Charts.Days == 7);
        await _store.RequestRefresh(SnapshotCause.Timer);

        Assert.Equal(30, _store.Current(30).Charts.Trends!.Data!.Days);
        Assert.Equal(7, _store.Current(7).Charts.Trends!.Data!.Days);
        Assert.Same(_store.Current(30).Stats, _store.Current(7).Stats);
    }

    [Fact]
    public async Task The_one_timer_refreshes_while_a_page_is_open_and_stops_with_the_last()
    {
        var page = new StorePage(_store);
        await page.NextAsync(Loaded);
        var reads = _reader.StatsReads;
        _reader.TotalPatients = 101;

        _time.Advance(_store.RefreshPeriod);
        await page.NextAsync(s => s.Cause == SnapshotCause.Timer && s.Stats!.Data!.TotalPatients == 101);
        Assert.Equal(reads + 1, _reader.StatsReads);

        page.Dispose();
        _time.Advance(_store.RefreshPeriod * 3);
        Assert.Equal(reads + 1, _reader.StatsReads);
    }

    [Fact]
    public async Task A_page_that_does_not_return_holds_up_only_itself()
    {
        var stuck = new TaskCompletionSource();
        using var slow = _store.Subscribe(30, _ => stuck.Task);
        using var page = new StorePage(_store);
        await page.NextAsync(Loaded);

        for (var i = 0; i < 5; i++) _hub.Publish(Booked($"{600 + i}"));

        await page.NextAsync(s => s.Feed.Length == 5);
        stuck.SetResult();
    }

    [Fact]
    public async Task The_live_status_reaches_the_pages_and_a_return_to_live_refreshes()
    {
        using var page = new StorePage(_store);
        await page.NextAsync(Loaded);
        var reads = _reader.StatsReads;

        _hub.SetStatus(false, "the event broker is unreachable");
        await page.NextAsync(s => !s.Status.IsLive && s.Status.Reason == "the event broker is unreachable");
        _reader.TotalPatients = 103;
        _hub.SetStatus(true, null);

        await page.NextAsync(s => s.Status.IsLive && s.Stats!.Data!.TotalPatients == 103);
        Assert.Equal(reads + 1, _reader.StatsReads);
    }

    [Fact]
    public async Task Two_hundred_pages_opened_and_closed_leave_no_subscription_and_no_page_behind()
    {
        var pages = new List<WeakReference>();
        for (var i = 0; i < 200; i++) pages.Add(await OpenAndCloseAsync(_store, _hub, i));

        Assert.Equal(0, _store.SubscriptionCount);
        // Resumed inline, this test may still run on the stack that handed the last page its snapshot: leave it first.
        await Task.Yield();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.DoesNotContain(pages, p => p.IsAlive);
        // Nothing is read for nobody: the timer stopped with the last page.
        var reads = _reader.StatsReads;
        _time.Advance(_store.RefreshPeriod * 2);
        Assert.Equal(reads, _reader.StatsReads);
    }

    /// <summary>A page that receives one event's snapshot, then closes; only a weak reference to it is kept.</summary>
    private static async Task<WeakReference> OpenAndCloseAsync(DashboardStore store, LiveUpdates hub, int i)
    {
        StorePage? page = new(store);
        hub.Publish(Booked($"{1000 + i}"));
        await page.NextAsync(s => s.Feed.Length > 0 && s.Feed[0].Event.AppointmentId == $"{1000 + i}");
        await page.CloseAsync();
        var closed = new WeakReference(page);
        // The caller's awaiter keeps this method's state, and so its locals, until its next await.
        page = null;
        return closed;
    }
}
