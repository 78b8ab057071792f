using System.Diagnostics;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Aggregation;

[Collection(DashboardAppCollection.Name)]
public sealed class TracingTests(DashboardAppFactory app)
{
    [Fact]
    public async Task A_stats_miss_is_one_fan_out_span_with_a_span_per_service_call_and_the_http_calls_below()
    {
        await app.EnsureWarmAsync();
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is DashboardTracing.SourceName or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        await app.ClearStatsCacheAsync();

        await app.GetStatsAsync();

        List<Activity> seen;
        lock (spans) seen = [.. spans];
        var fanOut = Assert.Single(seen, a => a.OperationName == "stats fan-out");
        var calls = seen.Where(a => a.OperationName.StartsWith("call ") && a.ParentSpanId == fanOut.SpanId).ToList();
        Assert.Equal(["call appointments", "call billing", "call doctors", "call medicine", "call patients"], calls.Select(c => c.OperationName).Order());
        Assert.All(calls, c => Assert.Contains(seen, h => h.Source.Name == "System.Net.Http" && h.ParentSpanId == c.SpanId));
        Assert.All(calls, c => Assert.Equal(fanOut.TraceId, c.TraceId));
    }
}
