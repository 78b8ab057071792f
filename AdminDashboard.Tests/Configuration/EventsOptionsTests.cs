using AdminDashboard.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Tests.Configuration;

public sealed class EventsOptionsTests
{
    private static IReadOnlyList<string> ValidateKafka(EventsProvider provider, params (string, string?)[] settings) =>
        new ValidateKafkaOptions(Options.Create(new EventsOptions { Provider = provider }))
            .Failures(OptionsValidation.Bind<KafkaOptions>(KafkaOptions.SectionName, settings));

    [Fact]
    public void Both_providers_pass_and_an_undefined_one_is_refused_naming_the_key()
    {
        var validator = new ValidateEventsOptions();

        Assert.Empty(validator.Failures(new EventsOptions { Provider = EventsProvider.InProcess }));
        Assert.Empty(validator.Failures(new EventsOptions { Provider = EventsProvider.Kafka }));
        var failure = Assert.Single(validator.Failures(new EventsOptions { Provider = (EventsProvider)7 }));
        Assert.StartsWith("Events:Provider must be InProcess or Kafka", failure);
    }

    [Fact]
    public void Kafka_settings_are_not_checked_while_events_stay_in_process()
    {
        Assert.Empty(ValidateKafka(EventsProvider.InProcess, ("Kafka:HealthProbeIntervalMs", "1")));
    }

    [Fact]
    public void Kafka_with_a_broker_address_passes()
    {
        Assert.Empty(ValidateKafka(EventsProvider.Kafka, ("Kafka:BootstrapServers", "localhost:9092")));
    }

    [Theory]
    [InlineData("Kafka:BootstrapServers", "")]
    [InlineData("Kafka:HealthProbeIntervalMs", "99")]
    [InlineData("Kafka:HealthProbeIntervalMs", "60001")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value)
    {
        var settings = new List<(string, string?)> { (key, value) };
        if (key != "Kafka:BootstrapServers") settings.Add(("Kafka:BootstrapServers", "localhost:9092"));

        var failure = Assert.Single(ValidateKafka(EventsProvider.Kafka, [.. settings]));

        Assert.StartsWith(key + " ", failure);
    }

    [Fact]
    public void Every_bad_kafka_value_is_reported_at_once()
    {
        Assert.Equal(2, ValidateKafka(EventsProvider.Kafka, ("Kafka:HealthProbeIntervalMs", "0")).Count);
    }

    [Fact]
    public void The_free_form_client_settings_keep_their_dotted_keys_and_each_side_gets_the_shared_ones_first()
    {
        var configuration = OptionsValidation.Settings(
            ("Events:Provider", "Kafka"), ("Kafka:BootstrapServers", "broker:9092"), ("Kafka:GroupId", "dashboards"),
            ("Kafka:Client:api.version.request", "false"), ("Kafka:Consumer:session.timeout.ms", "10000"),
            ("Kafka:Producer:enable.idempotence", "false"));
        using var provider = new ServiceCollection().AddLogging().AddDashboardEvents(configuration).BuildServiceProvider();

        var kafka = provider.GetRequiredService<IOptions<KafkaOptions>>().Value;

        Assert.Equal("broker:9092", kafka.BootstrapServers);
        Assert.Equal("dashboards", kafka.GroupId);
        Assert.Equal([KeyValuePair.Create("api.version.request", "false"), KeyValuePair.Create("session.timeout.ms", "10000")], kafka.ConsumerSettings);
        Assert.Equal([KeyValuePair.Create("api.version.request", "false"), KeyValuePair.Create("enable.idempotence", "false")], kafka.ProducerSettings);
    }
}
