using Microsoft.Extensions.Configuration;
using BlazorAdmin.Kafka;
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
/// <c>Kafka</c> section. The free-form client settings are read by <see cref="KafkaClientSettings"/>, the same
/// reader the hospital services' producer uses.
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = KafkaClientSettings.SectionName;

    public string? BootstrapServers { get; set; }

    /// <summary>
    /// Consumer group. Every dashboard instance needs every event, so by default each instance gets its own group
    /// (prefix, machine name and a random suffix). Set it to keep an instance's position across restarts.
    /// </summary>
    public string? GroupId { get; set; }

    /// <summary>How often the consumer checks that the broker answers, to show "live updates paused".</summary>
    public int HealthProbeIntervalMs { get; set; } = 1000;

    /// <summary><c>Kafka:Client</c>: librdkafka settings for every client, consumer and producer alike.</summary>
    public IReadOnlyDictionary<string, string> Client { get; internal set; } = Empty;

    /// <summary><c>Kafka:Consumer</c>: librdkafka settings for the consumer only.</summary>
    public IReadOnlyDictionary<string, string> Consumer { get; internal set; } = Empty;

    /// <summary><c>Kafka:Producer</c>: librdkafka settings for a producer only (the embedded hospital's).</summary>
    public IReadOnlyDictionary<string, string> Producer { get; internal set; } = Empty;

    public IEnumerable<KeyValuePair<string, string>> ConsumerSettings => KafkaClientSettings.ForConsumer(Client, Consumer);
    public IEnumerable<KeyValuePair<string, string>> ProducerSettings => KafkaClientSettings.ForProducer(Client, Producer);

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>
    /// Fills the free-form sections with the shared reader after binding: their keys contain dots and go to
    /// librdkafka exactly as written.
    /// </summary>
    internal static void ReadClientSettings(KafkaOptions options, IConfiguration kafka)
    {
        options.Client = KafkaClientSettings.Read(kafka, KafkaClientSettings.ClientSection);
        options.Consumer = KafkaClientSettings.Read(kafka, KafkaClientSettings.ConsumerSection);
        options.Producer = KafkaClientSettings.Read(kafka, KafkaClientSettings.ProducerSection);
    }
}

public sealed class ValidateEventsOptions : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions o) =>
        Enum.IsDefined(o.Provider)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{EventsOptions.SectionName}:{nameof(o.Provider)} must be {string.Join(" or ", Enum.GetNames<EventsProvider>())}; got {o.Provider}.");
}

/// <summary>Kafka's settings matter only when it carries the events; then the broker's address is required.</summary>
public sealed class ValidateKafkaOptions(IOptions<EventsOptions> events) : IValidateOptions<KafkaOptions>
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
