using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Caching;

/// <summary>Healthy with a working cache; degraded (still serving) while Redis is down and the in-process cache stands in.</summary>
public sealed class CacheHealthCheck(IOptions<CacheOptions> options, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.Provider == CacheProvider.Memory)
            return Task.FromResult(HealthCheckResult.Healthy("In-process cache (embedded mode)."));
        var cache = (ResilientDashboardCache)services.GetService(typeof(ResilientDashboardCache))!;
        var connection = (RedisConnection)services.GetService(typeof(RedisConnection))!;
        return Task.FromResult(cache.RedisAvailable && connection.IsConnected
            ? HealthCheckResult.Healthy("Redis cache connected.")
            : HealthCheckResult.Degraded("Redis unavailable: serving from the in-process cache."));
    }
}
