using System.Text.Json.Serialization;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Core.Health;

/// <summary>Recent calls to one service, summed up for the system health page.</summary>
public sealed record UpstreamCallSummary(int Calls, double? P50Ms, double? P95Ms, double? ErrorRate, SourceStatus? LastStatus, DateTimeOffset? LastCallAt, string? LastError)
{
    /// <summary>Rates and percentiles need a few calls to mean anything (a cold first call is slow).</summary>
    public const int MinimumCalls = 5;

    /// <summary>Over this share of recent calls failing, a service is degraded.</summary>
    public const double DegradedErrorRate = 0.2;

    // Classifications, not figures: kept out of the JSON of /v1/admin/system/health.
    [JsonIgnore]
    public bool LastCallFailed => LastStatus is SourceStatus.Error or SourceStatus.Timeout or SourceStatus.Stale;

    [JsonIgnore]
    public bool FailingOften => Calls >= MinimumCalls && ErrorRate > DegradedErrorRate;

    /// <summary>Whether the slowest calls take more than half the deadline: the next slow one may miss it.</summary>
    public bool IsSlow(int deadlineMs) => Calls >= MinimumCalls && P95Ms > deadlineMs / 2.0;
}

/// <summary>
/// The last <see cref="Window"/> calls to each service as this instance made them: latency percentiles and error
/// rate for the health page. In memory and per instance, by design: it describes what this dashboard sees.
/// </summary>
public sealed class UpstreamHealthTracker : IUpstreamCallObserver
{
    private readonly TimeProvider time;

    public UpstreamHealthTracker(TimeProvider time, DashboardMetrics metrics)
    {
        this.time = time;
        metrics.ObserveUpstreamState(() => UpstreamServiceNames.All.Select(s => (s.WireName(), State(Summarize(s)))));
    }

    /// <summary>The breaker-like state per service: 0 answering, 1 failing now and then, 2 last call failed.</summary>
    public static int State(UpstreamCallSummary s) => s.LastCallFailed ? 2 : s.FailingOften ? 1 : 0;

    public const int Window = 50;
    private readonly Dictionary<UpstreamService, Queue<(SourceStatus Status, long Ms, DateTimeOffset At, string? Error)>> _calls =
        UpstreamServiceNames.All.ToDictionary(s => s, _ => new Queue<(SourceStatus, long, DateTimeOffset, string?)>());

    void IUpstreamCallObserver.Observe(UpstreamService service, SourceStatus status, long elapsedMs, string? error) =>
        Record(service, status, elapsedMs, error);

    public void Record(UpstreamService service, SourceStatus status, long elapsedMs, string? error)
    {
        var queue = _calls[service];
        lock (queue)
        {
            queue.Enqueue((status, elapsedMs, time.GetUtcNow(), error));
            if (queue.Count > Window) queue.Dequeue();
        }
    }

    public UpstreamCallSummary Summarize(UpstreamService service)
    {
        var queue = _calls[service];
        (SourceStatus Status, long Ms, DateTimeOffset At, string? Error)[] calls;
        lock (queue) { calls = [.. queue]; }
        if (calls.Length == 0) return new UpstreamCallSummary(0, null, null, null, null, null, null);
        var latencies = calls.Select(c => (double)c.Ms).Order().ToArray();
        static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        var last = calls[^1];
        return new UpstreamCallSummary(calls.Length, Percentile(latencies, 0.5), Percentile(latencies, 0.95),
            Math.Round((double)calls.Count(c => c.Status != SourceStatus.Ok) / calls.Length, 3), last.Status, last.At, last.Error);
    }
}
