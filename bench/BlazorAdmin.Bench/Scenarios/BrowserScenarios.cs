using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Upstream;
using BlazorAdmin.Bench.Hosting;
using BlazorAdmin.Bench.Load;
using BlazorAdmin.Bench.Report;
using HospitalServices.Hosting;
using HospitalServices.Internal;
using Microsoft.Playwright;
using static BlazorAdmin.Bench.Report.BenchReport;
using HospitalServices.Contracts;

namespace BlazorAdmin.Bench.Scenarios;

/// <summary>
/// Headless Chromium (Debian's) against the running dashboard: publish to DOM change with one admin watching, then
/// memory per circuit and broadcast latency with N admins watching. Every page notes, with a MutationObserver,
/// when each appointment's feed line appears, on the wall clock this process stamps the publish with.
/// </summary>
public sealed class BrowserScenarios(BenchEnvironment env, DashboardProcess dashboard) : IAsyncDisposable
{
    private const string Observer = """
        () => {
          window.__seen = {};
          new MutationObserver(() => {
            for (const li of document.querySelectorAll('[data-testid=feed-item]')) {
              const id = li.dataset.appointmentId;
              if (id && !(id in window.__seen)) window.__seen[id] = performance.timeOrigin + performance.now();
            }
          }).observe(document.body, { childList: true, subtree: true });
        }
        """;

    /// <summary>Stamps every WebSocket frame the page receives, to split a delay into server-to-browser and browser rendering.</summary>
    private const string FrameStamps = """
        (() => {
          const Native = window.WebSocket;
          window.__frames = [];
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              this.addEventListener('message', () => window.__frames.push(performance.timeOrigin + performance.now()));
            }
          };
        })();
        """;

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;

    public async Task StartAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = env.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-background-timer-throttling", "--disable-renderer-backgrounding"],
        });
        _context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = dashboard.BaseUrl.ToString() });
        await _context.AddInitScriptAsync(FrameStamps);
        var page = await _context.NewPageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync("#dev-signin");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.CloseAsync();
    }

    private async Task<IPage> OpenDashboardAsync()
    {
        var page = await _context!.NewPageAsync();
        await page.GotoAsync("/");
        // The circuit is up once the page is interactive; only then do events reach it.
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.Locator("[data-testid=live-feed]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.EvaluateAsync(Observer);
        return page;
    }

    /// <summary>Publishes one new appointment through the appointments service; returns its id and the publish stamp (Unix ms).</summary>
    private async Task<(string Id, double PublishedAt)> PublishAppointmentAsync(HospitalServiceAdminClient appointments)
    {
        var publishedAt = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerMillisecond;
        using var response = await appointments.SimulateAsync(HospitalEventTypes.AppointmentCreated);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("entity").GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture), publishedAt);
    }

    /// <summary>When the feed line for <paramref name="id"/> appeared, and when the first WebSocket frame after the publish arrived.</summary>
    private static async Task<(double Dom, double FirstFrame)?> SeenAtAsync(IPage page, string id, double publishedAt, int timeoutMs)
    {
        try
        {
            await page.WaitForFunctionAsync($"() => '{id}' in window.__seen", null, new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 20 });
            var stamps = await page.EvaluateAsync<double[]>(
                $"() => [window.__seen['{id}'], (window.__frames || []).find(t => t >= {publishedAt.ToString(CultureInfo.InvariantCulture)}) ?? window.__seen['{id}']]");
            return (stamps[0] - publishedAt, stamps[1] - publishedAt);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public async Task<ScenarioResult> EventToScreenAsync(ScenarioResult eventToHub)
    {
        var page = await OpenDashboardAsync();
        var appointments = dashboard.ServiceAdmin(UpstreamService.Appointments);
        using var metricsClient = new HttpClient { BaseAddress = dashboard.BaseUrl };
        var n = env.Quick ? 10 : 40;
        var latencies = new List<double>();
        var frames = new List<double>();
        var hubBefore = (0.0, 0.0);
        for (var i = 0; i < n + 2; i++)
        {
            if (i == 2) hubBefore = await HubLatencyTotalsAsync(metricsClient);
            var (id, publishedAt) = await PublishAppointmentAsync(appointments);
            var seen = await SeenAtAsync(page, id, publishedAt, 10_000);
            if (seen is { } at && i >= 2)
            {
                latencies.Add(at.Dom);
                frames.Add(at.FirstFrame);
            }
            await Task.Delay(1000); // lets the page's coalesced refetch finish, so each event is measured on its own
        }
        var hubAfter = await HubLatencyTotalsAsync(metricsClient);
        var hubInDashboardMean = (hubAfter.Sum - hubBefore.Item1) / Math.Max(1, hubAfter.Count - hubBefore.Item2);
        await page.CloseAsync();
        var s = LatencySummary.Of(latencies);
        var f = LatencySummary.Of(frames);
        var hubP50 = eventToHub.Figures["p50Ms"];
        var hubP95 = eventToHub.Figures["p95Ms"];
        return new ScenarioResult(
            "event to screen (Kafka, 1 admin)",
            $"p50 {Ms(s.P50)} ms, p95 {Ms(s.P95)} ms ({n - s.Count} lost); at the dashboard's hub after {Ms(hubInDashboardMean)} ms (mean); first WebSocket frame at the browser p50 {Ms(f.P50)} ms, p95 {Ms(f.P95)} ms",
            $"event to hub: p50 {Ms(hubP50)} ms, p95 {Ms(hubP95)} ms",
            $"p50 +{s.P50 - hubP50:0.0} ms; p95 +{s.P95 - hubP95:0.0} ms",
            "p95 < 100 ms / < 50 ms",
            ScenarioResult.Judge(s.P95, 100, 50),
            new Dictionary<string, double> { ["p50Ms"] = s.P50, ["p95Ms"] = s.P95, ["maxMs"] = s.Max, ["samples"] = s.Count, ["lost"] = n - s.Count,
                ["firstFrameP50Ms"] = f.P50, ["firstFrameP95Ms"] = f.P95, ["dashboardHubMeanMs"] = hubInDashboardMean },
            new Dictionary<string, double> { ["p50Ms"] = hubP50, ["p95Ms"] = hubP95 },
            $"{n} appointments simulated on the appointments service (it publishes to Kafka), one a second; the dashboard consumes, the circuit " +
            "renders, and a MutationObserver stamps the feed line. Stamp before the simulate call to the stamp in the page, one wall clock. " +
            "The first WebSocket frame the page receives after the publish splits server-to-browser from the browser's own work.");
    }

    /// <summary>The scenario with the 20 watching (5 with --quick, or --circuits N).</summary>
    public Task<ScenarioResult> CircuitsAsync() => CircuitsAsync(env.Circuits ?? (env.Quick ? 5 : 20), env.Quick ? 5 : 15);

    /// <summary>50 watching, as many as one Chromium holds here: where it breaks, if it does.</summary>
    public Task<ScenarioResult> FiftyDashboardsAsync() => CircuitsAsync(50, env.Quick ? 5 : 10);

    private async Task<ScenarioResult> CircuitsAsync(int circuits, int events)
    {
        using var metricsClient = new HttpClient { BaseAddress = dashboard.BaseUrl };
        await Task.Delay(2000);
        var rssBefore = dashboard.ResidentBytes();
        var heapBefore = await GcHeapBytesAsync(metricsClient);
        var liveBefore = await LiveHeap.MeasureAsync(env.RepoRoot, dashboard.ProcessId, Path.Combine(env.ArtifactsDir, $"circuits-{circuits}-before.gcdump"));
        var pages = new List<IPage>();
        string? brokeAt = null;
        for (var i = 0; i < circuits; i++)
        {
            try
            {
                pages.Add(await OpenDashboardAsync());
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException && pages.Count > 0)
            {
                // The number of pages this machine holds is a figure, not a failure.
                brokeAt = $"page {i + 1} did not open: {e.Message.Split('\n')[0]}";
                break;
            }
        }
        circuits = pages.Count;
        await Task.Delay(3000); // charts loaded, first refetches done
        var rssAfter = dashboard.ResidentBytes();
        var heapAfter = await GcHeapBytesAsync(metricsClient);
        var liveAfter = await LiveHeap.MeasureAsync(env.RepoRoot, dashboard.ProcessId, Path.Combine(env.ArtifactsDir, $"circuits-{circuits}-after.gcdump"));
        var livePerCircuit = (liveAfter - liveBefore) / (double)circuits ?? double.NaN;
        var rssPerCircuit = (rssAfter - rssBefore) / (double)circuits;
        var heapPerCircuit = (heapAfter - heapBefore) / (double)circuits;

        // Idle: no events, only the pages' own auto-refresh. What the server renders per second for N watchers.
        var idleFor = TimeSpan.FromSeconds(env.Quick ? 5 : 10);
        var idleStart = await RenderTotalsAsync(metricsClient);
        await Task.Delay(idleFor);
        var idleEnd = await RenderTotalsAsync(metricsClient);
        var idleBatchesPerSecond = (idleEnd.Count - idleStart.Count) / idleFor.TotalSeconds;
        var eventsStart = await RenderTotalsAsync(metricsClient);
        var refreshesStart = await StoreRefreshesAsync(metricsClient);
        var renderedStart = await SnapshotRenderedAsync(metricsClient);

        var appointments = dashboard.ServiceAdmin(UpstreamService.Appointments);
        var all = new List<double>();
        var allFrames = new List<double>();
        var lastPerEvent = new List<double>();
        var lost = 0;
        for (var e = 0; e < events; e++)
        {
            var (id, publishedAt) = await PublishAppointmentAsync(appointments);
            var seen = await Task.WhenAll(pages.Select(p => SeenAtAsync(p, id, publishedAt, 15_000)));
            lost += seen.Count(s => s is null);
            var arrived = seen.Where(s => s is not null).Select(s => s!.Value).ToList();
            if (arrived.Count > 0)
            {
                all.AddRange(arrived.Select(a => a.Dom));
                allFrames.AddRange(arrived.Select(a => a.FirstFrame));
                lastPerEvent.Add(arrived.Max(a => a.Dom));
            }
            await Task.Delay(1500);
        }
        var eventsEnd = await RenderTotalsAsync(metricsClient);
        var renderedEnd = await SnapshotRenderedAsync(metricsClient);
        var renderedMeanMs = (renderedEnd.Sum - renderedStart.Sum) / Math.Max(1, renderedEnd.Count - renderedStart.Count);
        var refreshesPerEvent = (await StoreRefreshesAsync(metricsClient) - refreshesStart) / events;

        // A burst: ten appointments at once, as a busy morning or a replay after an outage brings them. Stats refreshes it cost.
        var burstStart = await StoreRefreshesAsync(metricsClient);
        var burst = new List<(string Id, double PublishedAt)>();
        for (var b = 0; b < BurstSize; b++) burst.Add(await PublishAppointmentAsync(appointments));
        await Task.WhenAll(pages.Select(p => SeenAtAsync(p, burst[^1].Id, burst[^1].PublishedAt, 15_000)));
        await Task.Delay(1500); // the trailing refresh, if any, has finished
        var refreshesPerBurst = await StoreRefreshesAsync(metricsClient) - burstStart;
        // Everything the dashboard reported, for whoever wants to look further than the table.
        await File.WriteAllTextAsync(Path.Combine(env.ArtifactsDir, "metrics-after-circuits.txt"), await metricsClient.GetStringAsync("/metrics"));
        var batchesPerEventPerCircuit = (eventsEnd.Count - eventsStart.Count) / events / circuits;
        var batchRoundTripMs = (eventsEnd.Seconds - eventsStart.Seconds) * 1000 / Math.Max(1, eventsEnd.Count - eventsStart.Count);
        var subscriptionsOpen = await StoreSubscriptionsAsync(metricsClient);
        foreach (var page in pages) await page.CloseAsync();
        // A closed tab tells the server with a beacon; a circuit that missed it is kept for Blazor's retention period (3 min).
        var closing = System.Diagnostics.Stopwatch.StartNew();
        var subscriptionsLeft = subscriptionsOpen;
        while (closing.Elapsed < TimeSpan.FromSeconds(10) && (subscriptionsLeft = await StoreSubscriptionsAsync(metricsClient)) > 0)
            await Task.Delay(100);
        var closedInMs = closing.Elapsed.TotalMilliseconds;
        var s = LatencySummary.Of(all);
        var last = LatencySummary.Of(lastPerEvent);
        var frames = LatencySummary.Of(allFrames);
        return new ScenarioResult(
            $"circuits ({circuits} admins watching)",
            $"{livePerCircuit / 1024:0} KiB live heap, {rssPerCircuit / 1024 / 1024:0.00} MiB RSS and {heapPerCircuit / 1024 / 1024:0.00} MiB GC heap per circuit; to screen p50 {Ms(s.P50)} ms, p95 {Ms(s.P95)} ms, last circuit p50 {Ms(last.P50)} ms ({lost} lost); first WebSocket frame p50 {Ms(frames.P50)} ms, p95 {Ms(frames.P95)} ms; an event's snapshots (its delta, then its refresh) rendered by each page {Ms(renderedMeanMs)} ms after the store published them (mean, server side); {batchesPerEventPerCircuit:0.0} render batches per event per circuit (mean {batchRoundTripMs:0} ms to the browser's acknowledgement); {idleBatchesPerSecond:0.0} batches/s idle; " +
            $"stats refreshes {refreshesPerEvent:0.0} per event and {refreshesPerBurst:0} per burst of {BurstSize} (all circuits together); store subscriptions {subscriptionsOpen:0} open, {subscriptionsLeft:0} {closedInMs / 1000:0.0} s after closing every page" +
            (brokeAt is null ? "" : $"; held {circuits} pages ({brokeAt})"),
            "—",
            "—",
            "— / event to screen p95 < 50 ms on every circuit",
            s.P95 < 50 ? Verdict.MeetsOurs : s.P95 < 100 ? Verdict.MeetsSeedOnly : Verdict.MissesSeed,
            new Dictionary<string, double>
            {
                ["circuits"] = circuits, ["liveHeapBytesPerCircuit"] = livePerCircuit, ["rssBytesPerCircuit"] = rssPerCircuit, ["gcHeapBytesPerCircuit"] = heapPerCircuit,
                ["rssBytesBefore"] = rssBefore, ["rssBytesAfter"] = rssAfter, ["gcHeapBytesBefore"] = heapBefore, ["gcHeapBytesAfter"] = heapAfter,
                ["broadcastP50Ms"] = s.P50, ["broadcastP95Ms"] = s.P95, ["broadcastMaxMs"] = s.Max, ["lastCircuitP50Ms"] = last.P50,
                ["lastCircuitP95Ms"] = last.P95, ["events"] = events, ["lost"] = lost, ["firstFrameP50Ms"] = frames.P50, ["firstFrameP95Ms"] = frames.P95,
                ["snapshotRenderedMeanMs"] = renderedMeanMs,
                ["renderBatchesPerEventPerCircuit"] = batchesPerEventPerCircuit, ["renderBatchRoundTripMs"] = batchRoundTripMs,
                ["idleRenderBatchesPerSecond"] = idleBatchesPerSecond, ["storeRefreshesPerEvent"] = refreshesPerEvent,
                ["storeRefreshesPerBurst"] = refreshesPerBurst, ["burstSize"] = BurstSize, ["storeSubscriptionsOpen"] = subscriptionsOpen, ["storeSubscriptionsAfterClosing"] = subscriptionsLeft, ["storeSubscriptionsClosedInMs"] = closedInMs,
            },
            new Dictionary<string, double>(),
            $"{circuits} dashboard pages (one circuit each) opened in one headless Chromium; memory is the dashboard process's live managed heap " +
            "(a gcdump, which forces a full collection; the reports are in artifacts/bench/circuits-*.txt), its resident set (/proc) " +
            $"and its GC heap after the last collection (/metrics), before and 3 s after opening them, divided by {circuits}. Then {events} appointments, " +
            "one every 1.5 s, each timed from publish to its feed line on every page, and to the first WebSocket frame each page received after it; " +
            "the server's share is the dashboard's own dashboard.store.snapshot_rendered histogram (store publish to the page's batch queued), over the events. " +
            "Render batches are counted by Blazor's own render_diff histogram (/metrics; each entry lasts until the browser acknowledges the batch), " +
            "over the events and over an idle spell with only the pages' auto-refresh. " +
            $"Stats refreshes are the store's own counter of refreshes caused by events (dashboard.store.refreshes, cause=event, on /metrics) over the events, " +
            $"then over a burst of {BurstSize} appointments published back to back; store subscriptions (dashboard.store.subscriptions) are read with " +
            "every page open, then until they reach 0 (at most 10 s) after closing them. " +
            "All pages render in one Chromium on the same 2 cores as the server, which no real deployment does.");
    }

    private const int BurstSize = 10;

    /// <summary>Refreshes of the dashboard store that events caused (the store reads the stats once per refresh, for every circuit); the timer's are left out.</summary>
    private static async Task<double> StoreRefreshesAsync(HttpClient client) =>
        // The counter appears with the first refresh an event causes: none yet is 0.
        (await MetricsScrape.ReadAsync(client)).Sum("dashboard_store_refreshes_total", "cause=\"event\"") ?? 0;

    /// <summary>Sum and count of the dashboard's publish-to-rendered histogram for event snapshots (every page's render of each).</summary>
    private static async Task<(double Sum, double Count)> SnapshotRenderedAsync(HttpClient client)
    {
        var metrics = await MetricsScrape.ReadAsync(client);
        return (metrics.Sum("dashboard_store_snapshot_rendered_milliseconds_sum", "cause=\"event\"") ?? 0,
            metrics.Sum("dashboard_store_snapshot_rendered_milliseconds_count", "cause=\"event\"") ?? 0);
    }

    private static async Task<double> StoreSubscriptionsAsync(HttpClient client) =>
        (await MetricsScrape.ReadAsync(client)).Sum("dashboard_store_subscriptions") ?? double.NaN;

    /// <summary>
    /// Blazor's render_diff histogram (ASP.NET Core 10, Microsoft.AspNetCore.Components.Lifecycle): on Blazor Server each
    /// entry is one render batch, timed until the browser has acknowledged it, so its count is batches sent.
    /// </summary>
    private static async Task<(double Seconds, double Count)> RenderTotalsAsync(HttpClient client)
    {
        var metrics = await MetricsScrape.ReadAsync(client);
        return (metrics.Sum("aspnetcore_components_render_diff_duration_seconds_sum") ?? 0,
            metrics.Sum("aspnetcore_components_render_diff_duration_seconds_count") ?? 0);
    }

    /// <summary>Sum and count of the dashboard's own occurredAt-to-hub histogram for new appointments.</summary>
    private static async Task<(double Sum, double Count)> HubLatencyTotalsAsync(HttpClient client)
    {
        var metrics = await MetricsScrape.ReadAsync(client);
        return (metrics.Sum("dashboard_events_latency_milliseconds_sum", EventTopics.AppointmentCreated) ?? 0,
            metrics.Sum("dashboard_events_latency_milliseconds_count", EventTopics.AppointmentCreated) ?? 0);
    }

    /// <summary>The GC heap after the last collection, over all generations; NaN when the exporter does not show it.</summary>
    private static async Task<double> GcHeapBytesAsync(HttpClient client) =>
        (await MetricsScrape.ReadAsync(client)).Sum("dotnet_gc_last_collection_heap_size_bytes") ?? double.NaN;

    public async ValueTask DisposeAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
