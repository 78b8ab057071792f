using System.Globalization;
using AdminDashboard.Core.Events.Contracts;

namespace AdminDashboard.Components.Wall;

/// <summary>
/// How the wall screen words what it shows to whoever walks past: a patient is "J. D.", never a name, and no doctor is
/// named either (the hospital's doctors and patients come from one pool of names, and the wall names no one).
/// </summary>
public static class WallText
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>When the event names no patient, or a name has no letter to take an initial from.</summary>
    public const string SomePatient = "a patient";

    /// <summary>
    /// "John Doe" → "J. D.": the first letter of the first and of the last word, so a middle name adds nothing and a
    /// long name gives away no more than a short one. One word gives one initial; null when there is no letter at all.
    /// </summary>
    public static string? Initials(string? fullName)
    {
        if (string.IsNullOrWhiteSpace(fullName)) return null;
        var initials = fullName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(Initial).OfType<string>().ToList();
        return initials.Count switch
        {
            0 => null,
            1 => initials[0] + ".",
            _ => $"{initials[0]}. {initials[^1]}.",
        };
    }

    /// <summary>The word's first letter as one text element (an accented letter stays whole), upper case; null without one.</summary>
    private static string? Initial(string word)
    {
        var elements = StringInfo.GetTextElementEnumerator(word);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (char.IsLetter(element, 0)) return element.ToUpper(Culture);
        }
        return null;
    }

    /// <summary>The feed's line on the wall: "New appointment: J. D., Cardiology, at 14:00" (the hospital's time).</summary>
    public static string Describe(HospitalEvent e, TimeZoneInfo hospitalZone)
    {
        var patient = Initials(e.PatientName) ?? SomePatient;
        return e.EventType switch
        {
            EventTopics.AppointmentCreated => "New appointment: " + patient
                + (e.Department is null ? "" : ", " + e.Department)
                + (e.ScheduledAt is { } at ? $", at {TimeZoneInfo.ConvertTime(at, hospitalZone).ToString("HH:mm", Culture)}" : ""),
            // The dashboard's own sentences, with the initials in place of the patient and no doctor to name.
            _ => (e with { PatientName = e.PatientName is null ? null : patient, DoctorName = null }).Describe(hospitalZone),
        };
    }

    /// <summary>
    /// An amount short enough for a headline tile across a room: "39.1 M VND", "1.25 bn VND"; below a million, whole
    /// units ("950,000 VND"). Null stays null (the tile shows "--").
    /// </summary>
    public static string? Money(long? amount, string? currency)
    {
        if (amount is not { } value) return null;
        var text = Math.Abs(value) switch
        {
            >= 1_000_000_000 => (value / 1_000_000_000d).ToString("0.##", Culture) + " bn",
            >= 1_000_000 => (value / 1_000_000d).ToString("0.#", Culture) + " M",
            _ => value.ToString("N0", Culture),
        };
        return $"{text} {currency}".TrimEnd();
    }
}
