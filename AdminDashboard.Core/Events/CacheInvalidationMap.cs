using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Events.Contracts;

namespace AdminDashboard.Core.Events;

/// <summary>What each event makes stale (DESIGN.md's table): exact keys and key patterns.</summary>
public static class CacheInvalidationMap
{
    private static readonly IReadOnlyDictionary<string, string[]> Map = new Dictionary<string, string[]>
    {
        [EventTopics.PatientRegistered] = [CacheKeys.Stats, CacheKeys.AllOf(CacheFamilies.Patients)],
        [EventTopics.DoctorCreated] = [CacheKeys.Stats, CacheKeys.AllOf(CacheFamilies.Doctors)],
        [EventTopics.AppointmentCreated] = [CacheKeys.Stats, CacheKeys.AllOf(CacheFamilies.Appointments)],
        [EventTopics.AppointmentStatusChanged] = [CacheKeys.Stats, CacheKeys.AllOf(CacheFamilies.Appointments)],
        [EventTopics.PaymentCompleted] = [CacheKeys.Stats, CacheKeys.AllOf(CacheFamilies.Revenue)],
        [EventTopics.MedicineDispensed] = [CacheKeys.Stats, CacheKeys.AllOf(CacheFamilies.Medicine)],
    };

    /// <summary>Keys and patterns to remove for an event type; empty for a type the dashboard does not know.</summary>
    public static IReadOnlyList<string> For(string eventType) => Map.TryGetValue(eventType, out var keys) ? keys : [];

    public static bool IsKnown(string eventType) => Map.ContainsKey(eventType);
}
