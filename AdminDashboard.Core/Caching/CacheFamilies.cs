namespace AdminDashboard.Core.Caching;

/// <summary>
/// A key family (the first two segments of its keys, see <see cref="CacheKeys.FamilyOf"/>) and the seed's hit-rate
/// target for it, as ratios like every other rate of the API (0.8 = 80 %); null where the seed sets none.
/// </summary>
public sealed record CacheFamily(string Name, double? TargetMin, double? TargetMax)
{
    public bool HasTarget => TargetMin is not null && TargetMax is not null;

    /// <summary>How a hit rate stands against the seed's range; no lookups and no target are said as such, never as a miss.</summary>
    public HitRateVerdict Judge(double? hitRate) => hitRate switch
    {
        null => HitRateVerdict.NoLookups,
        _ when !HasTarget => HitRateVerdict.NoTarget,
        var r when r < TargetMin => HitRateVerdict.Below,
        var r when r > TargetMax => HitRateVerdict.Above,
        _ => HitRateVerdict.Within,
    };
}

public enum HitRateVerdict { NoLookups, NoTarget, Below, Within, Above }

/// <summary>The dashboard's cache key families and the seed's hit-rate targets. The one place that names them.</summary>
public static class CacheFamilies
{
    public const string Stats = "admin:stats";
    public const string Patients = "admin:patients";
    public const string Doctors = "admin:doctors";
    public const string Appointments = "admin:appointments";
    public const string Revenue = "admin:revenue";
    public const string Medicine = "admin:medicine";
    public const string System = "admin:system";
    /// <summary>Last-known-good copies: read only when a service fails, so not a family with a hit rate.</summary>
    public const string LastKnownGood = "admin:lkg";

    /// <summary>
    /// The seed's targets: 80-90 % for the dashboard stats, 95-98 % for patient growth, 90-95 % for the top-doctor
    /// list, 70-80 % for system health (short TTL). Appointments, revenue and medicine have none.
    /// </summary>
    public static IReadOnlyList<CacheFamily> All { get; } =
    [
        new(Stats, 0.80, 0.90),
        new(Patients, 0.95, 0.98),
        new(Doctors, 0.90, 0.95),
        new(Appointments, null, null),
        new(Revenue, null, null),
        new(Medicine, null, null),
        new(System, 0.70, 0.80),
    ];

    /// <summary>The family by name; a family outside the table has no target.</summary>
    public static CacheFamily Of(string name) =>
        All.FirstOrDefault(f => f.Name == name) ?? new CacheFamily(name, null, null);
}
