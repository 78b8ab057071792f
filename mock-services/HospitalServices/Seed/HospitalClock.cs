namespace HospitalServices.Seed;

/// <summary>
/// The hospital's local day: one TimeProvider (so tests can pin the time) read in the hospital's zone, never the
/// machine's. Every "today", month and day bucket of the services comes from here.
/// </summary>
public sealed class HospitalClock(TimeProvider time, TimeZoneInfo zone)
{
    /// <summary>The seed's hospital bills in VND: Vietnam's clock unless Hospital:TimeZone says otherwise.</summary>
    public const string DefaultTimeZone = "Asia/Ho_Chi_Minh";

    public const string TimeZoneSetting = "Hospital:TimeZone";

    public TimeZoneInfo Zone => zone;

    /// <summary>Now, carrying the hospital's offset, so <c>.Date</c> and the wire value are the hospital's.</summary>
    public DateTimeOffset Now => ToLocal(time.GetUtcNow());

    public DateOnly Today => DateOf(time.GetUtcNow());

    public DateTimeOffset StartOfToday => StartOf(Today);

    public DateTimeOffset StartOfMonth
    {
        get
        {
            var today = Today;
            return StartOf(new DateOnly(today.Year, today.Month, 1));
        }
    }

    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

    /// <summary>The hospital's date at an instant, whatever offset the value carries.</summary>
    public DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(ToLocal(at).DateTime);

    public DateTimeOffset StartOf(DateOnly date) => At(date, TimeOnly.MinValue);

    /// <summary>
    /// The instant the hospital's wall clock shows <paramref name="wallTime"/> on <paramref name="date"/>. Offsets are
    /// looked up per date, so days across a daylight-saving change still start at their own midnight.
    /// </summary>
    public DateTimeOffset At(DateOnly date, TimeOnly wallTime)
    {
        var local = date.ToDateTime(wallTime, DateTimeKind.Unspecified);
        // A wall time skipped by a spring-forward change happens an hour later on the clock.
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Finds an IANA zone, or says why not in words that name the setting.</summary>
    public static bool TryFindZone(string? id, out TimeZoneInfo zone, out string? error)
    {
        zone = TimeZoneInfo.Utc;
        error = null;
        if (string.IsNullOrWhiteSpace(id))
            error = $"{TimeZoneSetting} is required: an IANA time zone id such as {DefaultTimeZone}.";
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
            error = $"{TimeZoneSetting} '{id}' is not a time zone this machine knows: use an IANA id such as {DefaultTimeZone} (is tzdata installed?).";
        else if (!found.HasIanaId)
            error = $"{TimeZoneSetting} '{id}' is a Windows id; use its IANA id instead, such as {DefaultTimeZone}.";
        else
            zone = found;
        return error is null;
    }
}
