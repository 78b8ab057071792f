using AdminDashboard.Core.Events.Contracts;
using HospitalServices.Hosting;
using HospitalServices.Contracts;

namespace AdminDashboard.Tests.Events;

/// <summary>
/// The dashboard and the hospital services name the event types each on their own side (they are separate
/// systems); these tests keep the two lists the same, so a rename on one side cannot silently stop live updates.
/// </summary>
public class EventContractTests
{
    [Fact]
    public void Dashboard_topics_are_exactly_the_event_types_the_services_publish()
    {
        Assert.Equal(HospitalEventTypes.All.Order(StringComparer.Ordinal), EventTopics.All.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_event_type_a_service_owns_is_a_topic_the_dashboard_consumes()
    {
        var owned = HospitalServiceInfo.All.SelectMany(HospitalEventTypes.OwnedBy).ToList();

        Assert.Equal(owned.Count, owned.Distinct().Count());
        Assert.Equal(EventTopics.All.Order(StringComparer.Ordinal), owned.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void What_a_service_write_announces_is_one_of_the_types_it_owns()
    {
        Assert.All(HospitalServiceInfo.All, service =>
            Assert.Contains(HospitalEventTypes.AnnouncedByWrite(service), HospitalEventTypes.OwnedBy(service)));
    }
}
