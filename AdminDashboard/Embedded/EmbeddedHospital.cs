using System.Security.Cryptography;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Hospital;
using AdminDashboard.Core.Upstream;
using HospitalServices.Events;
using HospitalServices.Hosting;
using HospitalServices.Seed;
using HospitalServices.Simulation;
using Microsoft.Extensions.Options;
using HospitalServices.Contracts;

namespace AdminDashboard.Embedded;

/// <summary>
/// <c>Embedded</c> and <c>Simulator</c> sections: run the five services inside the dashboard, and keep them busy. Both
/// off unless configured (appsettings.Development.json turns them on): a production dashboard must never show a mock
/// hospital's figures by accident. Set explicitly, embedded mode works in any environment (a demo on a staging host).
/// </summary>
public sealed class EmbeddedOptions
{
    public const string SectionName = "Embedded";
    public bool Enabled { get; set; }
}

/// <summary>
/// <c>Faults:Enabled</c>: whether the embedded services expose <c>/v1/internal/faults</c> and <c>/v1/internal/simulate/*</c>.
/// Unset, it follows the environment (on in Development only); the simulator alone still gets the simulate switch it drives.
/// </summary>
public sealed class FaultsOptions
{
    public const string SectionName = "Faults";
    public bool? Enabled { get; set; }
}

public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";
    public const int MinIntervalMs = 50;
    public const int MaxIntervalMs = 600_000;
    public bool Enabled { get; set; }
    public int IntervalMs { get; set; } = 2000;
}

public static class EmbeddedHospitalExtensions
{
    /// <summary>
    /// Embedded mode: the five mock services listen on exactly the <c>Upstream:*:BaseUrl</c> addresses, in this process,
    /// and the dashboard reaches them over real HTTP like any remote service.
    /// </summary>
    /// <remarks>
    /// Everything is registered in both modes and the hosts read the bound <see cref="EmbeddedOptions"/> when they start,
    /// so what runs and what the About page says come from one place.
    /// </remarks>
    public static IServiceCollection AddEmbeddedHospital(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbeddedOptions>().Bind(configuration.GetSection(EmbeddedOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmbeddedOptions>, ValidateEmbeddedOptions>();
        services.AddOptions<SimulatorOptions>().Bind(configuration.GetSection(SimulatorOptions.SectionName)).ValidateOnStart();
        services.AddOptions<FaultsOptions>().Bind(configuration.GetSection(FaultsOptions.SectionName));
        // Embedded mode needs no addresses: the in-process services take their usual ports unless told otherwise.
        // Read from configuration, not IOptions<EmbeddedOptions>: Embedded's validation reads the upstream addresses.
        var embeddedSection = configuration.GetSection(EmbeddedOptions.SectionName);
        services.AddOptions<UpstreamOptions>().PostConfigure(upstream =>
        {
            if (!embeddedSection.GetValue<bool>(nameof(EmbeddedOptions.Enabled))) return;
            foreach (var service in HospitalServiceInfo.All)
            {
                var endpoint = upstream.For(Enum.Parse<UpstreamService>(service.ToString()));
                endpoint.BaseUrl ??= new Uri($"http://127.0.0.1:{HospitalServiceInfo.DefaultPort(service)}");
            }
        });
        services.AddSingleton<IValidateOptions<SimulatorOptions>, ValidateSimulatorOptions>();
        // Both ends of the guard live in this process: without a configured secret, make one up for this run.
        // Made once here, not in the callback: each options cache (IOptions, IOptionsMonitor) runs it separately.
        var runSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        services.AddOptions<InternalOptions>().PostConfigure<IOptions<EmbeddedOptions>>((o, embedded) =>
        {
            // The secret first: with one configured, Embedded's own validation is not reached (and not reported twice) here.
            if (string.IsNullOrWhiteSpace(o.GatewaySecret) && embedded.Value.Enabled)
                o.GatewaySecret = runSecret;
        });
        // The services publish where the dashboard consumes: Kafka when Events:Provider=Kafka, else the in-process bus.
        // Resolved only by the embedded host, so distributed mode never creates a producer.
        services.AddSingleton<IDomainEventPublisher>(sp =>
            sp.GetRequiredService<IOptions<EventsOptions>>().Value.Provider == EventsProvider.Kafka
                ? CreateKafkaPublisher(sp.GetRequiredService<IOptions<KafkaOptions>>().Value, sp.GetRequiredService<ILoggerFactory>())
                : new InProcessDomainEventPublisher(sp.GetRequiredService<InProcessEventBus>()));
        services.AddHostedService<EmbeddedHospitalHost>();
        services.AddHttpClient(nameof(ActivitySimulator));
        services.AddHostedService<SimulatorHost>();
        return services;
    }

    private static KafkaDomainEventPublisher CreateKafkaPublisher(KafkaOptions kafka, ILoggerFactory logs) =>
        new(kafka.BootstrapServers!, kafka.ProducerSettings, logs.CreateLogger<KafkaDomainEventPublisher>());

    internal static Dictionary<HospitalService, Uri> ServiceUrls(UpstreamOptions upstream) =>
        HospitalServiceInfo.All.ToDictionary(s => s, s => upstream.For(Enum.Parse<UpstreamService>(s.ToString())).BaseUrl!);
}

internal sealed class EmbeddedHospitalHost(
    IOptions<EmbeddedOptions> embedded, IOptions<UpstreamOptions> upstream, IOptions<InternalOptions> secret, ILoggerFactory logs, TimeProvider time,
    IServiceProvider services, HospitalTime hospital, IOptions<FaultsOptions> faults, IOptions<SimulatorOptions> simulator, IHostEnvironment environment) : IHostedService
{
    private HospitalCluster? _cluster;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!embedded.Value.Enabled) return;
        var publisher = services.GetRequiredService<IDomainEventPublisher>();
        var urls = EmbeddedHospitalExtensions.ServiceUrls(upstream.Value);
        try
        {
            var faultsOn = faults.Value.Enabled ?? environment.IsDevelopment();
            _cluster = await HospitalCluster.StartAsync(urls, secret.Value.GatewaySecret!, time, logs, publisher, cancellationToken,
                secret.Value.PreviousGatewaySecret, hospital.Zone, new InternalSwitches(faultsOn, faultsOn || simulator.Value.Enabled));
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"Embedded mode could not open the hospital services' ports ({string.Join(", ", urls.Values)}): {e.Message} " +
                "Stop whatever uses them, point Upstream:*:BaseUrl at free ports, or set Embedded:Enabled=false to use external services.", e);
        }
        logs.CreateLogger<EmbeddedHospitalHost>().LogInformation("Embedded hospital services listening on {Urls}", string.Join(", ", urls.Values));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}

internal sealed class SimulatorHost(
    IOptions<EmbeddedOptions> embedded, IOptions<SimulatorOptions> options, IOptions<UpstreamOptions> upstream, IOptions<InternalOptions> secret,
    IHttpClientFactory http, TimeProvider time, HospitalTime hospital, ILogger<ActivitySimulator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The simulator drives the in-process services; external ones have their own activity.
        if (!embedded.Value.Enabled || !options.Value.Enabled) return;
        var simulator = new ActivitySimulator(http.CreateClient(nameof(ActivitySimulator)),
            EmbeddedHospitalExtensions.ServiceUrls(upstream.Value), secret.Value.GatewaySecret!, new HospitalClock(time, hospital.Zone), logger);
        try
        {
            await simulator.RunAsync(TimeSpan.FromMilliseconds(options.Value.IntervalMs), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
