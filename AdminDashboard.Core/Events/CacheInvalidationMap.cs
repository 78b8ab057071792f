using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Events.Contracts;

namespace AdminDashboard.Core.Events;

/// <summary>What each event makes stale (DESIGN.md's table): exact keys and key patterns.</summary>
public static class CacheInvalidationMap
{
    private static readonly IReadOnlyDictionary<string, string[]> Map = new Dictionary<string, string[]>
    {
        [EventTopics.PatientRegistered] = [CacheKeys.Stats, "admin:patients:*"],
        [EventTopics.DoctorCreated] = [CacheKeys.Stats, "admin:doctors:*"],
        [EventTopics.AppointmentCreated] = [CacheKeys.Stats, "admin:appointments:*"],
        [EventTopics.AppointmentStatusChanged] = [CacheKeys.Stats, "admin:appointments:*"],
        [EventTopics.PaymentCompleted] = [CacheKeys.Stats, "admin:revenue:*"],
        [EventTopics.MedicineDispensed] = [CacheKeys.Stats, "admin:medicine:*"],
    };

    /// <summary>Keys and patterns to remove for an event type; empty for a type the dashboard does not know.</summary>
    public static IReadOnlyList<string> For(string eventType) => Map.TryGetValue(eventType, out var keys) ? keys : [];

    public static bool IsKnown(string eventType) => Map.ContainsKey(eventType);
}
