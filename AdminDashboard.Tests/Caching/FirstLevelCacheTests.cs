using System.Text;
using System.Text.Json;
using AdminDashboard.Core.Caching;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminDashboard.Tests.Caching;

/// <summary>The in-process first level: its lifetime, and what an event does to an entry (stale, refreshed in the background).</summary>
public sealed class FirstLevelCacheTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private readonly Feed _feed = new() { IsLive = true };

    private sealed class Feed : ICacheInvalidationFeed
    {
        public bool IsLive { get; set; }
    }

    private FirstLevelCache Create() => new(new MemoryDashboardCache(_time), _feed, _time, NullLogger<FirstLevelCache>.Instance);

    private static byte[] Json(string figure) => Encoding.UTF8.GetBytes($"{{\"figure\":\"{figure}\"}}");

    private static Func<Task<LoadedEntry>> Reload(Func<Task<string>> figure) => async () =>
    {
        var f = await figure();
        return new LoadedEntry(Json(f), f, TimeSpan.FromSeconds(30), Shared: true);
    };

    [Fact]
    public void An_entry_never_outlives_the_time_its_redis_entry_had_left()
    {
        var cache = Create();
        cache.Admit(CacheKeys.Stats, Json("a"), "a", TimeSpan.FromSeconds(12), Reload(() => Task.FromResult("b")));

        _time.Advance(TimeSpan.FromSeconds(11.9));
        Assert.Equal("a", cache.TryGet(CacheKeys.Stats)?.Value);
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Null(cache.TryGet(CacheKeys.Stats));
    }

    [Fact]
    public void While_the_event_feed_is_paused_an_entry_lives_only_a_few_seconds()
    {
        var cache = Create();
        cache.Admit(CacheKeys.Stats, Json("a"), "a", TimeSpan.FromSeconds(30), Reload(() => Task.FromResult("b")));
        _feed.IsLive = false;

        _time.Advance(FirstLevelCache.UnwatchedLifetime - TimeSpan.FromMilliseconds(100));
        Assert.NotNull(cache.TryGet(CacheKeys.Stats));
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Null(cache.TryGet(CacheKeys.Stats));
    }

    [Fact]
    public async Task An_event_keeps_the_old_value_served_marked_stale_until_its_background_refresh_replaces_it()
    {
        var cache = Create();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cache.Admit(CacheKeys.Stats, Json("old"), "old", TimeSpan.FromSeconds(30), Reload(() => release.Task));
        var refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cache.Refreshed += key => refreshed.TrySetResult();

        await cache.MarkStaleAsync(CacheKeys.Stats, CancellationToken.None);

        var during = cache.TryGet(CacheKeys.Stats);
        Assert.Equal("old", during?.Value);
        Assert.True(during!.IsStale);
        release.SetResult("new");
        await refreshed.Task.WaitAsync(Patience);
        var after = cache.TryGet(CacheKeys.Stats);
        Assert.Equal("new", after?.Value);
        Assert.False(after!.IsStale);
        Assert.Equal(Json("new"), after.Json);
    }

    [Fact]
    public async Task Events_arriving_during_a_refresh_fold_into_one_trailing_refresh()
    {
        var cache = Create();
        var loads = 0;
        var firstLoad = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cache.Admit(CacheKeys.Stats, Json("v0"), "v0", TimeSpan.FromSeconds(30), Reload(() =>
        {
            if (Interlocked.Increment(ref loads) > 1) return Task.FromResult("v2");
            firstStarted.SetResult();
            return firstLoad.Task;
        }));
        cache.Refreshed += _ => { if (Volatile.Read(ref loads) >= 2) secondDone.TrySetResult(); };

        await cache.MarkStaleAsync(CacheKeys.Stats, CancellationToken.None);
        // Events before the load starts are in it anyway; these arrive while it runs.
        await firstStarted.Task.WaitAsync(Patience);
        for (var i = 0; i < 5; i++) await cache.MarkStaleAsync(CacheKeys.Stats, CancellationToken.None);
        firstLoad.SetResult("v1");
        await secondDone.Task.WaitAsync(Patience);

        Assert.Equal(2, Volatile.Read(ref loads));
        Assert.Equal("v2", cache.TryGet(CacheKeys.Stats)?.Value);
        Assert.False(cache.TryGet(CacheKeys.Stats)!.IsStale);
    }

    [Fact]
    public async Task A_refresh_that_fails_drops_the_entry_instead_of_serving_old_figures_on()
    {
        var cache = Create();
        var refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cache.Admit(CacheKeys.Stats, Json("old"), "old", TimeSpan.FromSeconds(30), Reload(() => Task.FromException<string>(new HttpRequestException("down"))));
        cache.Refreshed += _ => refreshed.TrySetResult();

        await cache.MarkStaleAsync(CacheKeys.Stats, CancellationToken.None);
        await refreshed.Task.WaitAsync(Patience);

        Assert.Null(cache.TryGet(CacheKeys.Stats));
    }

    [Fact]
    public async Task A_pattern_event_marks_every_entry_of_the_family_stale_and_leaves_other_families_alone()
    {
        var cache = Create();
        var never = new TaskCompletionSource<string>();
        cache.Admit(CacheKeys.PatientGrowth(7), Json("7"), "7", TimeSpan.FromMinutes(5), Reload(() => never.Task));
        cache.Admit(CacheKeys.PatientGrowth(30), Json("30"), "30", TimeSpan.FromMinutes(5), Reload(() => never.Task));
        cache.Admit(CacheKeys.RevenueByDay(7), Json("r"), "r", TimeSpan.FromMinutes(1), Reload(() => never.Task));

        await cache.MarkStaleAsync(CacheKeys.AllOf(CacheFamilies.Patients), CancellationToken.None);

        Assert.True(cache.TryGet(CacheKeys.PatientGrowth(7))!.IsStale);
        Assert.True(cache.TryGet(CacheKeys.PatientGrowth(30))!.IsStale);
        Assert.False(cache.TryGet(CacheKeys.RevenueByDay(7))!.IsStale);
    }

    [Fact]
    public async Task An_explicit_remove_drops_the_entry_at_once()
    {
        var cache = Create();
        cache.Admit(CacheKeys.Stats, Json("a"), "a", TimeSpan.FromSeconds(30), Reload(() => Task.FromResult("b")));

        await cache.RemoveAsync(CacheKeys.Stats, CancellationToken.None);

        Assert.Null(cache.TryGet(CacheKeys.Stats));
    }

    [Fact]
    public async Task A_delete_seen_in_redis_forgets_a_fresh_entry_but_not_a_stale_one_being_refreshed()
    {
        var cache = Create();
        var never = new TaskCompletionSource<string>();
        cache.Admit(CacheKeys.Stats, Json("a"), "a", TimeSpan.FromSeconds(30), Reload(() => never.Task));
        cache.Admit(CacheKeys.SystemHealth, Json("h"), "h", TimeSpan.FromSeconds(10), Reload(() => never.Task));
        await cache.MarkStaleAsync(CacheKeys.Stats, CancellationToken.None);

        cache.Forget(CacheKeys.Stats);
        cache.Forget(CacheKeys.SystemHealth);

        Assert.Equal("a", cache.TryGet(CacheKeys.Stats)?.Value);
        Assert.Null(cache.TryGet(CacheKeys.SystemHealth));
    }
}
