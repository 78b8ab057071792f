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
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection(EventsOptions.SectionName))
            .Validate(o => Enum.IsDefined(o.Provider), "Events:Provider must be InProcess or Kafka.").ValidateOnStart();
        var kafkaSection = configuration.GetSection(KafkaOptions.SectionName);
        services.AddOptions<KafkaOptions>()
            .Configure(o =>
            {
                o.BootstrapServers = kafkaSection["BootstrapServers"];
                o.GroupId = kafkaSection["GroupId"];
                if (int.TryParse(kafkaSection["HealthProbeIntervalMs"], out var probe)) o.HealthProbeIntervalMs = probe;
                KafkaOptions.BindFreeForm(o, kafkaSection);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, ValidateEventsOptions>();
        services.AddDashboardDiagnostics();
        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<EventPipeline>();

        var provider = configuration.GetSection(EventsOptions.SectionName).Get<EventsOptions>()?.Provider ?? EventsProvider.InProcess;
        if (provider == EventsProvider.Kafka)
        {
            services.AddSingleton<KafkaEventConsumer>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<KafkaEventConsumer>());
        }
        else
        {
            services.AddSingleton<InProcessEventBus>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<InProcessEventBus>());
        }
        return services;
    }
}
