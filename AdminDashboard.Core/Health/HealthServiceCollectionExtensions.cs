using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Core.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Everything health, in one place: the tracker that observes the fan-out, the system health report, and the
    /// three checks behind <c>/health/ready</c> (cache, events, upstream). Needs the areas it observes registered.
    /// </summary>
    public static IServiceCollection AddDashboardHealth(this IServiceCollection services)
    {
        services.AddSingleton<UpstreamHealthTracker>();
        services.AddSingleton<IUpstreamCallObserver>(sp => sp.GetRequiredService<UpstreamHealthTracker>());
        services.AddSingleton<SystemHealthService>();
        services.AddHealthChecks()
            .AddCheck<CacheHealthCheck>("cache", tags: [HealthTags.Ready])
            .AddCheck<EventStreamHealthCheck>("events", tags: [HealthTags.Ready])
            .AddCheck<UpstreamHealthCheck>("upstream", tags: [HealthTags.Ready]);
        return services;
    }
}
