using BlazorAdmin.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HospitalServices.Events;

/// <summary>
/// Publishes each event to the Kafka topic named after its type, keyed by entity id, with an idempotent producer
/// unless configuration turns it off (brokers before 0.11 cannot do idempotence). While the broker is down the
/// producer buffers and retries for <c>message.timeout.ms</c> (librdkafka's default: 5 minutes); what it still
/// cannot deliver then is logged and counted as a failed delivery.
/// </summary>
public sealed class KafkaDomainEventPublisher : IDomainEventPublisher, IDisposable
{
    private readonly IProducer<string, string> _producer;
    private readonly ILogger _logger;
    private long _failedDeliveries;
    private long _delivered;

    public KafkaDomainEventPublisher(string bootstrapServers, IEnumerable<KeyValuePair<string, string>> settings, ILogger logger)
    {
        _logger = logger;
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 1,
            ClientId = "hospital-services",
        };
        foreach (var (key, value) in settings) config.Set(key, value);
        _producer = new ProducerBuilder<string, string>(config)
            .SetErrorHandler((_, e) => _logger.LogDebug("Kafka producer: {Reason}", e.Reason))
            .Build();
    }

    /// <summary>
    /// A publisher to <c>Kafka:BootstrapServers</c> with <c>Kafka:Client</c> and <c>Kafka:Producer</c> as they are,
    /// or null when no broker is configured (the services then publish nowhere).
    /// </summary>
    public static KafkaDomainEventPublisher? FromConfiguration(IConfiguration configuration, ILogger logger)
    {
        var kafka = configuration.GetSection(KafkaClientSettings.SectionName);
        return kafka[KafkaClientSettings.BootstrapServersKey] is { Length: > 0 } bootstrap
            ? new KafkaDomainEventPublisher(bootstrap, KafkaClientSettings.ForProducer(
                KafkaClientSettings.Read(kafka, KafkaClientSettings.ClientSection), KafkaClientSettings.Read(kafka, KafkaClientSettings.ProducerSection)), logger)
            : null;
    }

    public long FailedDeliveries => Interlocked.Read(ref _failedDeliveries);
    public long Delivered => Interlocked.Read(ref _delivered);

    public void Publish(DomainEvent domainEvent)
    {
        try
        {
            _producer.Produce(domainEvent.EventType, new Message<string, string> { Key = domainEvent.Key, Value = DomainEventJson.Serialize(domainEvent) },
                report =>
                {
                    if (report.Error.IsError)
                    {
                        Interlocked.Increment(ref _failedDeliveries);
                        _logger.LogError("Event {EventId} ({EventType}) not delivered: {Reason}", domainEvent.EventId, domainEvent.EventType, report.Error.Reason);
                    }
                    else
                    {
                        Interlocked.Increment(ref _delivered);
                    }
                });
        }
        catch (ProduceException<string, string> e)
        {
            // Local queue full: the outage has lasted long enough to fill it. Visible, not silent.
            Interlocked.Increment(ref _failedDeliveries);
            _logger.LogError("Event {EventId} ({EventType}) dropped: {Reason}", domainEvent.EventId, domainEvent.EventType, e.Error.Reason);
        }
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
