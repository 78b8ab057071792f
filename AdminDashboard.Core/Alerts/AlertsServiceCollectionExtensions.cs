using AdminDashboard.Core.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

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
        services.AddHttpClient(AlertWebhook.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(AlertWebhook.ClientName, (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<AlertsOptions>>().Value.Webhook;
                // Retries outside, each attempt's own timeout inside: a hung receiver costs one attempt, not the queue.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, o.MaxRetries),
                    ShouldHandle = o.MaxRetries == 0 ? _ => ValueTask.FromResult(false) : new HttpRetryStrategyOptions().ShouldHandle,
                    Delay = TimeSpan.FromMilliseconds(o.RetryDelayMs),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
                pipeline.AddTimeout(TimeSpan.FromMilliseconds(o.TimeoutMs));
            });
        services.AddSingleton<AlertWebhook>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertWebhook>());
        services.AddSingleton<AlertEvaluator>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertEvaluator>());
        return services;
    }
}
