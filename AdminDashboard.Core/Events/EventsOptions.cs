using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Events;

public enum EventsProvider
{
    /// <summary>The in-process bus of embedded mode.</summary>
    InProcess,

    Kafka,
}

/// <summary><c>Events</c> section.</summary>
public sealed class EventsOptions
{
    public const string SectionName = "Events";

    public EventsProvider Provider { get; set; } = EventsProvider.InProcess;
}

/// <summary>
/// <c>Kafka</c> section. <c>Kafka:Client</c> (both sides), <c>Kafka:Consumer</c> and <c>Kafka:Producer</c> are
/// free-form: their keys go to librdkafka as they are (e.g. <c>Kafka__Client__api.version.request=false</c>).
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    public string? BootstrapServers { get; set; }

    /// <summary>
    /// Consumer group. Every dashboard instance needs every event, so by default each instance gets its own group
    /// (prefix, machine name and a random suffix). Set it to keep an instance's position across restarts.
    /// </summary>
    public string? GroupId { get; set; }

    /// <summary>How often the consumer checks that the broker answers, to show "live updates paused".</summary>
    public int HealthProbeIntervalMs { get; set; } = 1000;

    public Dictionary<string, string> Client { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Consumer { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Producer { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Binds the free-form sections by hand: their keys contain dots, which the binder would not keep as one key.</summary>
    public static void BindFreeForm(KafkaOptions options, IConfiguration section)
    {
        static Dictionary<string, string> Read(IConfigurationSection s) =>
            s.AsEnumerable(makePathsRelative: true).Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
        options.Client = Read(section.GetSection("Client"));
        options.Consumer = Read(section.GetSection("Consumer"));
        options.Producer = Read(section.GetSection("Producer"));
    }
}

public sealed class ValidateEventsOptions(IOptions<EventsOptions> events) : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions o)
    {
        if (events.Value.Provider != EventsProvider.Kafka) return ValidateOptionsResult.Success;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.BootstrapServers))
            errors.Add("Kafka:BootstrapServers is required when Events:Provider=Kafka (e.g. localhost:9092; env Kafka__BootstrapServers).");
        if (o.HealthProbeIntervalMs is < 100 or > 60_000)
            errors.Add($"Kafka:HealthProbeIntervalMs must be between 100 and 60000; got {o.HealthProbeIntervalMs}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
