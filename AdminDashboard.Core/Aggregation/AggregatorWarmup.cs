using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminDashboard.Core.Aggregation;

/// <summary>
/// One fan-out right after start-up, without caching it: it opens the connections and compiles the code paths so
/// that the first admin's request is not the one that misses the deadline.
/// </summary>
internal sealed class AggregatorWarmup(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<AggregatorWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // After every hosted service has started: in embedded mode the services are listening by then.
            await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested) return;
            var aggregator = services.GetRequiredService<DashboardAggregator>();
            var result = await aggregator.FanOutAsync(stoppingToken);
            logger.LogInformation("Warm-up fan-out: {Sources}", string.Join(", ", result.Sources.Select(s => $"{s.Service} {s.Status} {s.LatencyMs} ms")));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
