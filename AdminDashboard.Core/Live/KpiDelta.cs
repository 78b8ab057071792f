using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Hospital;
using AdminDashboard.Core.Stats;

namespace AdminDashboard.Core.Live;

/// <summary>
/// The change to the headline figures that an event itself carries, applied at once so the cards move within
/// milliseconds; the refetch that follows replaces them with the services' own figures.
/// </summary>
public static class KpiDelta
{
    /// <param name="hospital">"Today" is the hospital's day, whatever zone the server or the event's offset is in.</param>
    public static DashboardStats Apply(DashboardStats stats, HospitalEvent e, HospitalTime hospital) => e.EventType switch
    {
        EventTopics.PatientRegistered when stats.TotalPatients is { } n => stats with { TotalPatients = n + 1 },
        EventTopics.DoctorCreated when stats.ActiveDoctors is { } n => stats with { ActiveDoctors = n + 1 },
        EventTopics.AppointmentCreated when stats.TodayAppointments is { } n && e.ScheduledAt is { } at
            && hospital.DateOf(at) == hospital.Today => stats with { TodayAppointments = n + 1 },
        EventTopics.PaymentCompleted when stats.RevenueToday is { } r && e.Amount is { } amount
            && amount is >= 0 and <= HospitalEventParser.MaxPlausibleAmount => stats with { RevenueToday = r + amount },
        _ => stats,
    };
}
