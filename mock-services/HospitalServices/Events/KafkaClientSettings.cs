using Microsoft.Extensions.Configuration;

namespace BlazorAdmin.Kafka;

/// <summary>
/// The one reader of the <c>Kafka</c> section's client settings, for both ends of the event stream: the dashboard's
/// consumer and the hospital services' producer. <c>Kafka:Client</c> (both sides), <c>Kafka:Consumer</c> and
/// <c>Kafka:Producer</c> are free-form: their keys go to librdkafka as they are (e.g.
/// <c>Kafka__Client__api.version.request=false</c>).
/// </summary>
/// <remarks>
/// The two ends share no project: the product must not depend on its mock, nor the mock on the product. So this file
/// is compiled into both (AdminDashboard.Core links it from here, where both Dockerfiles already copy it), and it is
/// internal so that the two copies never meet in a project that references both.
/// </remarks>
internal static class KafkaClientSettings
{
    public const string SectionName = "Kafka";
    public const string BootstrapServersKey = "BootstrapServers";
    public const string ClientSection = "Client";
    public const string ConsumerSection = "Consumer";
    public const string ProducerSection = "Producer";

    /// <summary>Reads one free-form section as librdkafka's key/value pairs; keys keep their dots.</summary>
    public static IReadOnlyDictionary<string, string> Read(IConfiguration kafka, string subsection) =>
        kafka.GetSection(subsection).AsEnumerable(makePathsRelative: true)
            .Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);

    /// <summary>What a producer is given: the settings of both sides, then the producer's own.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ForProducer(IReadOnlyDictionary<string, string> client, IReadOnlyDictionary<string, string> producer) =>
        client.Concat(producer);

    /// <summary>What a consumer is given: the settings of both sides, then the consumer's own.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ForConsumer(IReadOnlyDictionary<string, string> client, IReadOnlyDictionary<string, string> consumer) =>
        client.Concat(consumer);
}
