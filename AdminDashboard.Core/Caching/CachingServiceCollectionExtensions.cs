using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Caching;

public static class CachingServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection(CacheOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CacheOptions>, ValidateCacheOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MemoryDashboardCache>();
        services.AddSingleton<IDashboardCache>(sp => sp.GetRequiredService<MemoryDashboardCache>());
        services.AddSingleton<SingleFlightLoader>();
        return services;
    }
}
