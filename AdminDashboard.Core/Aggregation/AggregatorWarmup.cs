using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminDashboard.Core.Aggregation;

/// <summary>
/// One fan-out right after start-up, without caching it: it opens the connections and compiles the code paths so
/// that the first admin's request is not the one that misses the deadline.
/// </summary>
internal sealed class AggregatorWarmup(IServiceProvider services, IHostApplicationLifetime lifetime,
    Microsoft.Extensions.Options.IOptions<AggregationOptions> options, ILogger<AggregatorWarmup> logger) : BackgroundService
{
    private const int MaxAttempts = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUp) return;
        try
        {
            // After every hosted service has started: in embedded mode the services are listening by then.
            using var startedOrStopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStarted, stoppingToken);
            await Task.Delay(Timeout.Infinite, startedOrStopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested) return;
            // A cold process can miss the deadline on its first fan-out; a few tries get every path compiled.
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var result = await services.GetRequiredService<DashboardAggregator>().FanOutAsync(stoppingToken);
                logger.LogInformation("Warm-up fan-out {Attempt}: {Sources}", attempt,
                    string.Join(", ", result.Sources.Select(s => $"{s.Service} {s.Status} {s.LatencyMs} ms")));
                if (result.Sources.All(s => s.Status == SourceStatus.Ok)) return;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
