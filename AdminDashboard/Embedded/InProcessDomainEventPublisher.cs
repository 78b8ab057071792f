using AdminDashboard.Core.Events;
using HospitalServices.Events;

namespace AdminDashboard.Embedded;

/// <summary>
/// Embedded mode's link from the in-process services to the dashboard's in-process bus. Events travel as the
/// same JSON they would on Kafka, so the consumer side parses exactly what it would in the distributed stack.
/// </summary>
internal sealed class InProcessDomainEventPublisher(InProcessEventBus bus) : IDomainEventPublisher
{
    public void Publish(DomainEvent domainEvent) => bus.Publish(domainEvent.EventType, DomainEventJson.Serialize(domainEvent));
}
