using AdminDashboard.Core.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>The cache: in-process by default (embedded mode), Redis with an in-process fallback when <c>Cache:Provider=Redis</c>.</summary>
    public static IServiceCollection AddDashboardCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CacheOptions>()
            .Bind(configuration.GetSection(CacheOptions.SectionName))
            .Configure(o => o.RedisConnectionString = configuration.GetConnectionString(CacheOptions.ConnectionStringName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CacheOptions>, ValidateCacheOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddDashboardDiagnostics();
        services.AddSingleton<MemoryDashboardCache>();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisDashboardCache>();
        services.AddSingleton<ResilientDashboardCache>();
        services.TryAddSingleton<ICacheInvalidationFeed, NoInvalidationFeed>();
        // The in-process first level in front of the chosen second level; everything reads and invalidates through it.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<FirstLevelCache>(sp,
            sp.GetRequiredService<IOptions<CacheOptions>>().Value.Provider == CacheProvider.Redis
                ? sp.GetRequiredService<ResilientDashboardCache>()
                : (IDashboardCache)sp.GetRequiredService<MemoryDashboardCache>()));
        services.AddSingleton<IDashboardCache>(sp => sp.GetRequiredService<FirstLevelCache>());
        services.AddSingleton<CacheLookups>();
        services.AddSingleton<SingleFlightLoader>();
        services.AddSingleton<LastKnownGoodCache>();
        if (configuration.GetSection(CacheOptions.SectionName)["Provider"] is { } provider && provider.Equals(nameof(CacheProvider.Redis), StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService<RedisInfoCollector>();
            services.AddHostedService<RedisKeyspaceWatcher>();
        }
        return services;
    }
}
