using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Health;

/// <summary>The event stream: healthy while live; degraded (the dashboard still serves, only not live) otherwise.</summary>
public sealed class EventStreamHealthCheck(LiveUpdates hub, IOptions<EventsOptions> events) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = hub.Status;
        var bus = events.Value.Provider == EventsProvider.Kafka ? "Kafka" : "the in-process bus";
        return Task.FromResult(status.IsLive
            ? HealthCheckResult.Healthy($"Live updates from {bus}.")
            : HealthCheckResult.Degraded($"Live updates paused ({bus}): {status.Reason}."));
    }
}

/// <summary>The five services: any of them down makes the dashboard degraded, never unhealthy (it serves the rest).</summary>
public sealed class UpstreamHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await services.GetRequiredService<SystemHealthService>().GetAsync(cancellationToken);
        var down = report.Services.Where(s => s.State == ServiceState.Down).Select(s => s.DisplayName).ToList();
        var degraded = report.Services.Where(s => s.State == ServiceState.Degraded).Select(s => s.DisplayName).ToList();
        return down.Count == 0 && degraded.Count == 0
            ? HealthCheckResult.Healthy("All five services answer.")
            : HealthCheckResult.Degraded(SourceWording.DownAndDegraded(down, degraded));
    }
}
