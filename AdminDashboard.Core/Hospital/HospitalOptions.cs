using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Hospital;

/// <summary><c>Hospital</c> section: facts about the hospital itself that every figure depends on.</summary>
public sealed class HospitalOptions
{
    public const string SectionName = "Hospital";
    public const string TimeZoneKey = SectionName + ":" + nameof(TimeZone);

    /// <summary>The seed's hospital bills in VND, so its day runs on Vietnam's clock unless told otherwise.</summary>
    public const string DefaultTimeZone = "Asia/Ho_Chi_Minh";

    /// <summary>IANA id of the zone in which "today", "this month" and every day bucket are counted.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;
}

public sealed class ValidateHospitalOptions : IValidateOptions<HospitalOptions>
{
    public ValidateOptionsResult Validate(string? name, HospitalOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.TimeZone))
            errors.Add($"{HospitalOptions.TimeZoneKey} is required: an IANA time zone id such as {HospitalOptions.DefaultTimeZone}.");
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out var zone))
            errors.Add($"{HospitalOptions.TimeZoneKey} '{o.TimeZone}' is not a time zone this machine knows: use an IANA id such as {HospitalOptions.DefaultTimeZone} (is tzdata installed?).");
        else if (!zone.HasIanaId)
            // A Windows id would work here but be echoed in data.timeZone, where clients expect IANA.
            errors.Add($"{HospitalOptions.TimeZoneKey} '{o.TimeZone}' is a Windows id; use its IANA id instead, such as {HospitalOptions.DefaultTimeZone}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
