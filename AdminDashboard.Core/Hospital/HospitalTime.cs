using System.Globalization;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Hospital;

/// <summary>
/// The hospital's clock: the one <see cref="TimeProvider"/> read in the hospital's zone. Every "today", day and
/// time of day the dashboard computes or shows goes through here, never through the server's zone.
/// </summary>
public sealed class HospitalTime
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");
    private readonly TimeProvider _time;

    public HospitalTime(IOptions<HospitalOptions> options, TimeProvider time)
        : this(TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone), time)
    {
    }

    public HospitalTime(TimeZoneInfo zone, TimeProvider time)
    {
        Zone = zone;
        _time = time;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The IANA id, as <c>data.timeZone</c> names it.</summary>
    public string ZoneId => Zone.Id;

    public DateTimeOffset Now => ToLocal(_time.GetUtcNow());

    public DateOnly Today => DateOf(_time.GetUtcNow());

    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>The hospital's date at that instant, whatever offset the value carries.</summary>
    public DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(ToLocal(at).DateTime);

    /// <summary>Time of day on the hospital's clock, for lists where the zone is labelled once elsewhere.</summary>
    public string Time(DateTimeOffset at) => ToLocal(at).ToString("HH:mm:ss", Culture);

    /// <summary>"11:31 (UTC+07:00, Ho Chi Minh)": .NET has no reliable zone abbreviation, so offset and place it is.</summary>
    public string Labelled(DateTimeOffset at) => $"{ToLocal(at).ToString("HH:mm", Culture)} ({ZoneLabel(at)})";

    public string ZoneLabel(DateTimeOffset at) => Label(Zone, at);

    public static string Label(TimeZoneInfo zone, DateTimeOffset at)
    {
        var offset = zone.GetUtcOffset(at);
        var utc = offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
        var slash = zone.Id.LastIndexOf('/');
        return slash < 0 ? utc : $"{utc}, {zone.Id[(slash + 1)..].Replace('_', ' ')}";
    }
}
