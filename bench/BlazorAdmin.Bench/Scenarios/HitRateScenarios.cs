using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Events.Contracts;
using BlazorAdmin.Bench.Hosting;
using BlazorAdmin.Bench.Load;
using BlazorAdmin.Bench.Report;
using HospitalServices.Hosting;
using HospitalServices.Seed;
using HospitalServices.Simulation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using HospitalServices.Contracts;

namespace BlazorAdmin.Bench.Scenarios;

/// <summary>
/// Cache hit rate per key family under a mixed load with events arriving, beside the seed's targets: open dashboards
/// (auto-refresh, and a refetch after each burst of live events, as the page does), a System health page and a tool
/// polling, while the services' own simulator makes a change at its usual rate. The counts are the dashboard's own
/// (<c>cache.families</c> of /v1/admin/system/health), before and after the measured window, so the warm-up is left out.
/// </summary>
public sealed class HitRateScenarios(BenchEnvironment env, DashboardProcess dashboard, string token)
{
    private const int OpenDashboards = 5;
    /// <summary>SystemHealth.razor refreshes every 3 s.</summary>
    private static readonly TimeSpan HealthPagePoll = TimeSpan.FromSeconds(3);
    /// <summary>
    /// The open dashboards share the dashboard store (DashboardStore), which reads for all of them as one page would: so one
    /// reader, whatever <see cref="OpenDashboards"/> is.
    /// </summary>
    private const int StoreReaders = 1;
    /// <summary>The store starts its refresh at once on an event; events during it fold into one more (leading edge).</summary>
    private static readonly TimeSpan LiveRefetchWindow = TimeSpan.Zero;
    /// <summary>A tool polling the API as a monitoring panel does.</summary>
    private static readonly TimeSpan ToolPoll = TimeSpan.FromSeconds(15);
    private const string HealthPath = "/v1/admin/system/health";

    private sealed record Read(string Path, string Family);

    private static readonly Read Stats = new("/v1/admin/dashboard/stats", CacheFamilies.Stats);

    /// <summary>What one Dashboard page load reads, in its order: Dashboard.razor.cs (stats, then yesterday's figures), then ChartsPanel at the default 30 days.</summary>
    private static readonly Read[] PageHeader =
    [
        Stats,
        new("/v1/admin/charts/appointment-trends?days=7", CacheFamilies.Appointments),
        new("/v1/admin/charts/revenue?days=7", CacheFamilies.Revenue),
    ];

    private static readonly Read[] PageCharts =
    [
        new("/v1/admin/charts/appointment-trends?days=30", CacheFamilies.Appointments),
        new("/v1/admin/charts/revenue?days=30", CacheFamilies.Revenue),
        new("/v1/admin/charts/patient-growth?days=30", CacheFamilies.Patients),
        new("/v1/admin/charts/top-doctors?days=30&limit=10", CacheFamilies.Doctors),
        new("/v1/admin/charts/medicine-stock?limit=20", CacheFamilies.Medicine),
    ];

    /// <summary>Distinct keys each family is read under in this load: each costs its own miss after an invalidation.</summary>
    private static readonly IReadOnlyDictionary<string, int> KeysRead = PageHeader.Concat(PageCharts).Append(new Read(HealthPath, CacheFamilies.System))
        .GroupBy(r => r.Family).ToDictionary(g => g.Key, g => g.Select(r => r.Path).Distinct().Count());

    private readonly HttpClient _client = LoopbackLoad.CreateClient();
    private int _failed;

    public async Task<IReadOnlyList<ScenarioResult>> HitRatesAsync()
    {
        // The product's own defaults, not copies: the simulator's rate and the page's auto-refresh.
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(env.RepoRoot, "AdminDashboard", "appsettings.json")).Build();
        var eventInterval = TimeSpan.FromMilliseconds(settings.GetValue("Simulator:IntervalMs", 0) is > 0 and var ms ? ms
            : throw new InvalidOperationException("AdminDashboard/appsettings.json has no Simulator:IntervalMs."));
        var pageRefresh = TimeSpan.FromSeconds(settings.GetValue("Dashboard:RefreshSeconds", 0) is > 0 and var s ? s
            : throw new InvalidOperationException("AdminDashboard/appsettings.json has no Dashboard:RefreshSeconds."));
        var warmUp = TimeSpan.FromSeconds(env.Quick ? 10 : 20);
        var window = TimeSpan.FromSeconds(env.Quick ? 30 : 120);

        using var stop = new CancellationTokenSource();
        var pages = Enumerable.Range(0, StoreReaders).Select(_ => new OpenPage(this)).ToList();
        var health = new HealthPoller(this);
        var firstEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var eventsSeen = 0;
        using var simulatorHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var simulator = new ActivitySimulator(simulatorHttp,
            dashboard.Services.ToDictionary(kv => Enum.Parse<HospitalService>(kv.Key.ToString()), kv => kv.Value),
            dashboard.GatewaySecret, new HospitalClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById(BenchEnvironment.ClinicHoursTimeZone)),
            NullLogger<ActivitySimulator>.Instance);

        var running = new List<Task>
        {
            Until(stop.Token, ct => ListenAsync(ct, () =>
            {
                Interlocked.Increment(ref eventsSeen);
                firstEvent.TrySetResult();
                foreach (var page in pages) page.OnLiveEvent(ct);
            })),
            Until(stop.Token, ct => health.RunAsync(ct)),
            Until(stop.Token, ct => ToolAsync(ct)),
            Until(stop.Token, ct => simulator.RunAsync(eventInterval, ct)),
        };
        // Admins open their pages at different moments of the refresh period.
        running.AddRange(pages.Select((page, i) => Until(stop.Token, ct => page.RunAsync(pageRefresh * i / StoreReaders, pageRefresh, ct))));
        var metrics = new HttpClient { BaseAddress = dashboard.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            if (await Task.WhenAny(firstEvent.Task, Task.Delay(TimeSpan.FromSeconds(60))) != firstEvent.Task)
                throw new InvalidOperationException("No simulated event reached the dashboard's event stream within 60 s.");
            await Task.Delay(warmUp);

            var before = await health.NextAsync();
            var clock = Stopwatch.StartNew();
            var eventsBefore = await EventsAppliedAsync(metrics);
            var seenBefore = Volatile.Read(ref eventsSeen);
            await Task.Delay(window);
            var after = await health.NextAsync();
            var seconds = clock.Elapsed.TotalSeconds;
            var eventsAfter = await EventsAppliedAsync(metrics);
            var seen = Volatile.Read(ref eventsSeen) - seenBefore;

            var applied = EventTopics.All.ToDictionary(t => t, t => eventsAfter[t] - eventsBefore[t]);
            if (Volatile.Read(ref _failed) > 0) throw new InvalidOperationException($"{_failed} reads failed during the hit-rate load.");
            // A reader that stopped early would leave its share of lookups out: the load would not be the one described.
            if (running.FirstOrDefault(t => t.IsCompleted) is { } ended)
                throw new InvalidOperationException("A reader or the simulator stopped during the hit-rate load.", ended.Exception?.InnerException);
            var method = Method(eventInterval, pageRefresh, window, warmUp, applied.Values.Sum(), seen);
            return CacheFamilies.All.Select(f => Row(f, before, after, applied, seconds, method)).ToList();
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(running);
            metrics.Dispose();
        }
    }

    private static ScenarioResult Row(CacheFamily family, IReadOnlyDictionary<string, (long Hits, long Misses)> before,
        IReadOnlyDictionary<string, (long Hits, long Misses)> after, IReadOnlyDictionary<string, double> applied, double seconds, string method)
    {
        var hits = after[family.Name].Hits - before[family.Name].Hits;
        var misses = after[family.Name].Misses - before[family.Name].Misses;
        var lookups = hits + misses;
        double? rate = lookups == 0 ? null : (double)hits / lookups;
        // What a cache that drops a key on each event would get at best (the design before the first level marked entries
        // stale and refreshed them): every key read misses once after each invalidation of its family, or once per TTL
        // without one. An estimate, not a bound: where in the window a TTL lapses moves it by a miss.
        var invalidations = applied.Where(kv => CacheInvalidationMap.For(kv.Key).Any(k => CacheKeys.FamilyOf(k) == family.Name)).Sum(kv => kv.Value);
        var ttl = CacheKeys.TimeToLive[family.Name];
        var keys = KeysRead.GetValueOrDefault(family.Name);
        var idealMisses = keys * Math.Max(invalidations, Math.Floor(seconds / ttl.TotalSeconds));
        double? ideal = lookups == 0 ? null : Math.Max(0, 1 - idealMisses / lookups);
        var verdict = family.Judge(rate) switch
        {
            HitRateVerdict.Within => Verdict.WithinSeedRange,
            HitRateVerdict.Above => Verdict.AboveSeedRange,
            HitRateVerdict.Below => Verdict.MissesSeed,
            _ => Verdict.NotApplicable,
        };
        var figures = new Dictionary<string, double> { ["hits"] = hits, ["misses"] = misses, ["seconds"] = seconds };
        if (rate is { } r) figures["hitRate"] = r;
        if (family.TargetMin is { } min && family.TargetMax is { } max) { figures["targetMin"] = min; figures["targetMax"] = max; }
        var reference = new Dictionary<string, double> { ["invalidatingEvents"] = invalidations, ["keysRead"] = keys, ["ttlSeconds"] = ttl.TotalSeconds, ["idealMisses"] = idealMisses };
        if (ideal is { } i) reference["idealHitRate"] = i;
        return new ScenarioResult(
            $"hit rate {family.Name}",
            rate is null ? "no lookups" : $"{Percent(rate.Value)} ({Count(hits, "hit")}, {Count(misses, "miss")})",
            ideal is null ? "—" : $"dropping keys on events: ≈ {Percent(ideal.Value)} with one miss per key read ({keys}) and per invalidation " +
                $"({Count(invalidations, "event")}) or TTL lapse ({Ttl(ttl)})",
            rate is { } m && ideal is { } best ? $"{(m - best) * 100:+0.0;-0.0} points" : "—",
            family.HasTarget ? $"{family.TargetMin * 100:0}-{family.TargetMax * 100:0} % / —" : "— (the seed sets none) / —",
            verdict,
            figures,
            reference,
            method);
    }

    private static string Method(TimeSpan eventInterval, TimeSpan pageRefresh, TimeSpan window, TimeSpan warmUp, double applied, int seen) =>
        $"{OpenDashboards} open dashboards sharing the dashboard store, which reads for all of them (stats, 7-day trends and revenue, the five charts at 30 days) on load, " +
        $"every {pageRefresh.TotalSeconds:0} s (its one timer) and at once after each live event, events during a read folding into one more " +
        $"(from GET /v1/admin/events); one System health page every {HealthPagePoll.TotalSeconds:0} s; one tool reading stats and the five charts every {ToolPoll.TotalSeconds:0} s. " +
        $"Meanwhile the services' own simulator makes one change every {eventInterval.TotalMilliseconds:0} ms (its usual mix) through their simulate endpoints, " +
        $"published to Kafka and applied by the dashboard ({applied:0} events applied in the window, {seen} seen on the event stream). " +
        $"All reads go through the JSON API to the dashboard (Redis cache). After a {warmUp.TotalSeconds:0} s warm-up, hits and misses per family are the " +
        $"difference of cache.families between two System health polls about {window.TotalSeconds:0} s apart (the page's own polls, so the reading adds no lookup). " +
        "Concurrent readers that miss together and share one fan-out each count as a miss (the cache did not have it). " +
        "The reference estimates the best a cache that drops keys on each event could do under this load (one miss per key read and per invalidating " +
        "event, or per TTL lapse without events); the dashboard's first level marks them stale and refreshes them instead, so it can do better.";

    private static string Percent(double ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Count(double n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : noun.EndsWith('s') ? "es" : "s")}");

    private static string Ttl(TimeSpan ttl) => ttl.TotalMinutes >= 1 ? $"{ttl.TotalMinutes:0} min" : $"{ttl.TotalSeconds:0} s";

    /// <summary>Runs a loop until the token stops it; whatever the stop itself breaks (a cancelled read, a closed stream) is the normal end.</summary>
    private static Task Until(CancellationToken stop, Func<CancellationToken, Task> loop) => Task.Run(async () =>
    {
        try { await loop(stop); }
        catch (Exception) when (stop.IsCancellationRequested) { }
    });

    private async Task GetAsync(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(dashboard.BaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode) Interlocked.Increment(ref _failed);
    }

    private async Task<JsonElement> GetJsonAsync(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(dashboard.BaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
        return body.RootElement.Clone();
    }

    private async Task ToolAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(ToolPoll);
        do
        {
            await GetAsync(Stats.Path, ct);
            foreach (var read in PageCharts) await GetAsync(read.Path, ct);
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    /// <summary>The event stream as a tool reads it; every event (not the status lines) is handed on.</summary>
    private async Task ListenAsync(CancellationToken ct, Action onEvent)
    {
        using var sse = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(dashboard.BaseUrl, "/v1/admin/events"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await sse.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal) && line != "event: status") onEvent();
        }
    }

    private static async Task<Dictionary<string, double>> EventsAppliedAsync(HttpClient metrics)
    {
        var scrape = await MetricsScrape.ReadAsync(metrics);
        return EventTopics.All.ToDictionary(t => t, t => scrape.Sum("dashboard_events_consumed_total", $"type=\"{t}\"") ?? 0);
    }

    /// <summary>One open Dashboard page: its loads never overlap; a load asked for meanwhile runs once afterwards.</summary>
    private sealed class OpenPage(HitRateScenarios load)
    {
        private readonly Lock _gate = new();
        private bool _loading;
        private bool _reloadRequested;
        private bool _refetchScheduled;

        public async Task RunAsync(TimeSpan openAfter, TimeSpan refresh, CancellationToken ct)
        {
            await Task.Delay(openAfter, ct);
            await LoadAsync(ct);
            using var timer = new PeriodicTimer(refresh);
            while (await timer.WaitForNextTickAsync(ct))
            {
                bool busy;
                lock (_gate) busy = _loading;
                if (!busy) await LoadAsync(ct);
            }
        }

        /// <summary>As the page: the first event of a burst schedules one refetch after the window; later ones join it.</summary>
        public void OnLiveEvent(CancellationToken ct)
        {
            lock (_gate)
            {
                if (_refetchScheduled) return;
                _refetchScheduled = true;
            }
            _ = Until(ct, async c =>
            {
                await Task.Delay(LiveRefetchWindow, c);
                lock (_gate) _refetchScheduled = false;
                await LoadAsync(c);
            });
        }

        private async Task LoadAsync(CancellationToken ct)
        {
            lock (_gate)
            {
                if (_loading)
                {
                    _reloadRequested = true;
                    return;
                }
                _loading = true;
            }
            var again = false;
            try
            {
                foreach (var read in PageHeader) await load.GetAsync(read.Path, ct);
                await Task.WhenAll(PageCharts.Select(read => load.GetAsync(read.Path, ct)));
            }
            finally
            {
                lock (_gate)
                {
                    _loading = false;
                    again = _reloadRequested;
                    _reloadRequested = false;
                }
            }
            if (again) await LoadAsync(ct);
        }
    }

    /// <summary>The System health page: polls every 3 s; a reading of the counts waits for its next poll.</summary>
    private sealed class HealthPoller(HitRateScenarios load)
    {
        private TaskCompletionSource<IReadOnlyDictionary<string, (long Hits, long Misses)>> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The counts of the next poll; bounded, so a poller that failed ends the scenario instead of hanging it.</summary>
        public Task<IReadOnlyDictionary<string, (long Hits, long Misses)>> NextAsync() =>
            Volatile.Read(ref _next).Task.WaitAsync(HealthPagePoll * 10);

        public async Task RunAsync(CancellationToken ct)
        {
            using var timer = new PeriodicTimer(HealthPagePoll);
            do
            {
                var body = await load.GetJsonAsync(HealthPath, ct);
                IReadOnlyDictionary<string, (long Hits, long Misses)> families = body.GetProperty("cache").GetProperty("families").EnumerateArray().ToDictionary(
                    f => f.GetProperty("family").GetString()!, f => (f.GetProperty("hits").GetInt64(), f.GetProperty("misses").GetInt64()));
                Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(families);
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
    }
}
