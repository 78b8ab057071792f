using HospitalServices.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminDashboard.Tests.Configuration;

/// <summary>The standalone services read the Kafka section with the same reader as the dashboard.</summary>
public sealed class KafkaProducerSettingsTests
{
    [Fact]
    public void Without_a_broker_address_the_services_publish_nowhere()
    {
        Assert.Null(KafkaDomainEventPublisher.FromConfiguration(OptionsValidation.Settings(("Kafka:Producer:acks", "all")), NullLogger.Instance));
    }

    [Fact]
    public void With_a_broker_address_the_producer_gets_the_client_and_producer_sections()
    {
        using var publisher = KafkaDomainEventPublisher.FromConfiguration(OptionsValidation.Settings(
            ("Kafka:BootstrapServers", "127.0.0.1:1"), ("Kafka:Client:api.version.request", "false"), ("Kafka:Producer:enable.idempotence", "false")), NullLogger.Instance);

        Assert.NotNull(publisher);
    }

    [Theory]
    [InlineData("Kafka:Client:no.such.setting")]
    [InlineData("Kafka:Producer:no.such.setting")]
    public void A_setting_in_either_section_reaches_librdkafka(string key)
    {
        // librdkafka refuses a key it does not know, so the refusal shows the key got there.
        var error = Assert.ThrowsAny<InvalidOperationException>(() =>
            KafkaDomainEventPublisher.FromConfiguration(OptionsValidation.Settings(("Kafka:BootstrapServers", "127.0.0.1:1"), (key, "1")), NullLogger.Instance));

        Assert.Contains("no.such.setting", error.Message);
    }
}
