using AdminDashboard.Core.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// The alerts: <c>Alerts</c> options (validated at start-up), the board every surface reads (<see cref="IAlertBoard"/>)
    /// and the one evaluator. Needs <c>AddDashboardStore</c> and <c>AddDashboardCaching</c>.
    /// </summary>
    public static IServiceCollection AddDashboardAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertsOptions>().Bind(configuration.GetSection(AlertsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertsOptions>, ValidateAlertsOptions>();
        services.TryAddSingleton(TimeProvider.System);
        // Shared where Redis is the cache, as the audit log is: one setting decides where shared state lives.
        services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<IOptions<CacheOptions>>().Value.Provider == CacheProvider.Redis
            ? ActivatorUtilities.CreateInstance<RedisAlertStore>(sp)
            : new MemoryAlertStore());
        services.AddSingleton<AlertBoard>();
        services.AddSingleton<IAlertBoard>(sp => sp.GetRequiredService<AlertBoard>());
        services.AddSingleton<AlertEvaluator>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertEvaluator>());
        return services;
    }
}
