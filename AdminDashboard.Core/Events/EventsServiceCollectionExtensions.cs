using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Live updates: the event pipeline and hub, fed by the in-process bus (embedded default) or by Kafka
    /// (<c>Events:Provider=Kafka</c>, <c>Kafka:BootstrapServers</c>).
    /// </summary>
    public static IServiceCollection AddDashboardEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection(EventsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventsOptions>, ValidateEventsOptions>();
        var kafkaSection = configuration.GetSection(KafkaOptions.SectionName);
        services.AddOptions<KafkaOptions>().Bind(kafkaSection).Configure(o => KafkaOptions.ReadClientSettings(o, kafkaSection)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, ValidateKafkaOptions>();
        services.AddDashboardDiagnostics();
        services.AddSingleton<LiveUpdates>();
        // The cache's first level trusts its entries only while events arrive.
        services.AddSingleton<ICacheInvalidationFeed, LiveUpdatesFeed>();
        services.AddSingleton<EventPipeline>();

        services.AddSingleton<KafkaEventConsumer>();
        services.AddSingleton<InProcessEventBus>();
        // The bound Events:Provider picks the source that runs; the other one is never created.
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<IOptions<EventsOptions>>().Value.Provider == EventsProvider.Kafka
            ? sp.GetRequiredService<KafkaEventConsumer>()
            : sp.GetRequiredService<InProcessEventBus>());
        return services;
    }
}

/// <summary>The event feed is live exactly when the hub says so (the consumer is assigned, or the in-process bus runs).</summary>
public sealed class LiveUpdatesFeed(LiveUpdates hub) : ICacheInvalidationFeed
{
    public bool IsLive => hub.Status.IsLive;
}
