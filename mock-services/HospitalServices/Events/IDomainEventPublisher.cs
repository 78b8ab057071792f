using System.Text.Json;
using System.Text.Json.Serialization;

namespace HospitalServices.Events;

/// <summary>Where a service announces its changes: Kafka in the distributed stack, the dashboard's in-process bus in embedded mode.</summary>
public interface IDomainEventPublisher
{
    /// <summary>Hands the event over for delivery. Does not wait for the broker: a write never fails because the bus is down.</summary>
    void Publish(DomainEvent domainEvent);
}

public sealed class NullDomainEventPublisher : IDomainEventPublisher
{
    public static NullDomainEventPublisher Instance { get; } = new();

    public void Publish(DomainEvent domainEvent)
    {
    }
}

public static class DomainEventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(DomainEvent e) => JsonSerializer.Serialize(e, Options);
}
