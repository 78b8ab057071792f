using System.Diagnostics;
using System.Net;

namespace BlazorAdmin.Bench.Load;

/// <summary>What one request of a load run looked like.</summary>
public sealed record RequestOutcome(double LatencyMs, HttpStatusCode Status, byte[] Body);

/// <summary>Latencies of an open-loop run, plus how far the dispatcher itself fell behind its schedule.</summary>
public sealed record OpenLoopResult(LatencySummary Latency, int Failed, double MaxDispatchLagMs, IReadOnlyList<RequestOutcome> Outcomes);

/// <summary>
/// HTTP load over loopback. Two shapes:
/// <list type="bullet">
/// <item><see cref="OpenLoopAsync"/> sends at a fixed rate whatever the server does, and times each request from the
/// moment it was <em>scheduled</em>, not from when it was actually sent. A server stall therefore shows up in every
/// request that should have been sent during it (no coordinated omission: the client never waits for a slow answer
/// before sending the next request, and its own lateness is charged to the measurement, not hidden).</item>
/// <item><see cref="ClosedLoopThroughputAsync"/> keeps a fixed number of requests in flight for a fixed time and
/// counts answers: throughput at a fixed concurrency. Its latencies are not reported: a closed loop hides stalls.</item>
/// </list>
/// </summary>
public static class LoopbackLoad
{
    public static HttpClient CreateClient(int connections = 256) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<OpenLoopResult> OpenLoopAsync(HttpClient client, Func<HttpRequestMessage> request, double ratePerSecond, int count,
        bool keepBodies = false, CancellationToken cancellationToken = default)
    {
        if (ratePerSecond <= 0 || count <= 0) throw new ArgumentOutOfRangeException(nameof(ratePerSecond), "Rate and count must be positive.");
        var interval = Stopwatch.Frequency / ratePerSecond;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100; // 10 ms to get going
        var inFlight = new Task<RequestOutcome?>[count];
        var maxLag = 0L;
        // The dispatcher has a thread of its own, so answers never wait for it and it never waits for answers.
        await Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var intended = start + (long)(i * interval);
                WaitUntil(intended);
                maxLag = Math.Max(maxLag, Stopwatch.GetTimestamp() - intended);
                inFlight[i] = SendAsync(client, request(), intended, keepBodies, cancellationToken);
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var outcomes = await Task.WhenAll(inFlight);
        var ok = outcomes.Where(o => o is { Status: HttpStatusCode.OK }).Select(o => o!).ToArray();
        return new OpenLoopResult(LatencySummary.Of(ok.Select(o => o.LatencyMs)), count - ok.Length, ToMs(maxLag), ok);
    }

    /// <summary>Requests per second with <paramref name="concurrency"/> requests always in flight, over <paramref name="duration"/>.</summary>
    public static async Task<double> ClosedLoopThroughputAsync(HttpClient client, Func<HttpRequestMessage> request, int concurrency, TimeSpan duration,
        CancellationToken cancellationToken = default)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var completed = 0L;
        var failed = 0L;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                using var response = await client.SendAsync(request(), HttpCompletionOption.ResponseContentRead, cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref completed : ref failed);
            }
        }, cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (failed > 0) throw new InvalidOperationException($"{failed} of {completed + failed} requests failed during the throughput run.");
        return completed / elapsed;
    }

    /// <summary>Sends <paramref name="count"/> requests at once (a burst) and returns each one's outcome.</summary>
    public static async Task<RequestOutcome[]> BurstAsync(HttpClient client, Func<HttpRequestMessage> request, int count, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        using var go = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            await go.WaitAsync(cancellationToken);
            return await SendAsync(client, request(), start, keepBody: true, cancellationToken);
        }, cancellationToken)).ToArray();
        start = Stopwatch.GetTimestamp();
        go.Release(count);
        var outcomes = await Task.WhenAll(tasks);
        return outcomes.Select(o => o ?? new RequestOutcome(double.NaN, 0, [])).ToArray();
    }

    public static double ToMs(long stopwatchTicks) => stopwatchTicks * 1000.0 / Stopwatch.Frequency;

    private static async Task<RequestOutcome?> SendAsync(HttpClient client, HttpRequestMessage message, long intended, bool keepBody, CancellationToken cancellationToken)
    {
        try
        {
            using (message)
            using (var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken))
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return new RequestOutcome(ToMs(Stopwatch.GetTimestamp() - intended), response.StatusCode, keepBody ? body : []);
            }
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Sleeps while the target is more than a timer tick away, then spins: sub-millisecond dispatch without a full core.</summary>
    private static void WaitUntil(long timestamp)
    {
        var sleepThreshold = Stopwatch.Frequency * 3 / 2000; // 1.5 ms
        while (timestamp - Stopwatch.GetTimestamp() > sleepThreshold) Thread.Sleep(1);
        var spinner = new SpinWait();
        while (Stopwatch.GetTimestamp() < timestamp) spinner.SpinOnce(sleep1Threshold: -1);
    }
}
