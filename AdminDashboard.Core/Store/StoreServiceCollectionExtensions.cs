using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>The one dashboard state of the process; needs <c>AddDashboardStats</c>, <c>AddDashboardCharts</c> and <c>AddDashboardEvents</c>.</summary>
    public static IServiceCollection AddDashboardStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardStoreOptions>().Bind(configuration.GetSection(DashboardStoreOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardStoreOptions>, ValidateDashboardStoreOptions>();
        services.AddSingleton<IDashboardReader, CachedDashboardReader>();
        services.AddSingleton<DashboardStore>();
        return services;
    }
}
