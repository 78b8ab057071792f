using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Core.Caching;

/// <summary>The seed's cache keys and their TTLs by family (<see cref="CacheFamilies"/>). The one place that names them.</summary>
public static class CacheKeys
{
    public const string Stats = "admin:stats:v1";

    public static string PatientGrowth(int days) => $"admin:patients:growth:{days}";
    public static string AppointmentTrends(int days) => $"admin:appointments:trends:{days}";
    public static string TopDoctors(int limit, int days) => $"admin:doctors:top:{limit}:{days}";
    public static string RevenueByDay(int days) => $"admin:revenue:daily:{days}";
    public static string MedicineStock(int limit) => $"admin:medicine:stock:{limit}";
    public const string SystemHealth = "admin:system:health";

    /// <summary>Last-known-good section of one service: kept long, served marked stale when the service fails.</summary>
    public static string LastKnownGood(UpstreamService service) => $"admin:lkg:{service.WireName()}";

    /// <summary>Last-known-good copy of any cached answer, e.g. <c>admin:lkg:patients:growth:30</c>.</summary>
    public static string LastKnownGoodOf(string key) => "admin:lkg:" + (key.StartsWith("admin:", StringComparison.Ordinal) ? key[6..] : key);

    /// <summary>Pattern of every key of a family, e.g. <c>admin:patients:*</c>: what an event invalidates.</summary>
    public static string AllOf(string family) => $"{family}:*";

    /// <summary>Generation counter of a key family, bumped by every invalidation of that family.</summary>
    public static string Generation(string family) => $"admin:generation:{family}";

    /// <summary>Family of a key or pattern: its first two segments (<c>admin:stats</c>, <c>admin:patients</c>).</summary>
    public static string FamilyOf(string keyOrPattern)
    {
        var first = keyOrPattern.IndexOf(':');
        if (first < 0) return keyOrPattern;
        var second = keyOrPattern.IndexOf(':', first + 1);
        if (second < 0) return keyOrPattern;
        // A known family's own string: every cache hit asks, and a copy of the prefix per lookup is garbage.
        var family = keyOrPattern.AsSpan(0, second);
        foreach (var known in KnownFamilies)
            if (family.SequenceEqual(known)) return known;
        return family.ToString();
    }

    /// <summary>
    /// How long each family lives, by how fast it changes. Events invalidate sooner; the TTL is the backstop.
    /// </summary>
    public static IReadOnlyDictionary<string, TimeSpan> TimeToLive { get; } = new Dictionary<string, TimeSpan>
    {
        [CacheFamilies.Stats] = TimeSpan.FromSeconds(30),          // headline KPIs move with every visit
        [CacheFamilies.Appointments] = TimeSpan.FromMinutes(2),    // trends by day: today's bar moves, the rest do not
        [CacheFamilies.Revenue] = TimeSpan.FromMinutes(1),         // today's revenue moves with every payment
        [CacheFamilies.Patients] = TimeSpan.FromMinutes(5),        // growth by day: a few registrations an hour
        [CacheFamilies.Doctors] = TimeSpan.FromMinutes(10),        // rankings change slowly
        [CacheFamilies.Medicine] = TimeSpan.FromMinutes(2),        // stock moves with dispensing
        [CacheFamilies.System] = TimeSpan.FromSeconds(10),         // health must be near-live
        [CacheFamilies.LastKnownGood] = TimeSpan.FromHours(24),    // last-known-good: served only marked stale
    };

    // After TimeToLive: static initializers run in the order they are written.
    private static readonly string[] KnownFamilies = [.. TimeToLive.Keys];

    public static TimeSpan TtlOf(string key) =>
        TimeToLive.TryGetValue(FamilyOf(key), out var ttl) ? ttl : TimeSpan.FromSeconds(30);
}
