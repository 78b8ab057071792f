using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace AdminDashboard.Core.Events.Contracts;

/// <summary>
/// A domain event as the dashboard understands it. Only <see cref="EventType"/> is required: messages from other
/// systems that carry just the seed's fields (eventType, ids, timestamp) still invalidate the cache.
/// </summary>
public sealed record HospitalEvent(
    string EventId,
    string EventType,
    DateTimeOffset OccurredAt,
    string? PatientId = null,
    string? DoctorId = null,
    string? AppointmentId = null,
    string? PaymentId = null,
    string? PatientName = null,
    string? DoctorName = null,
    string? Department = null,
    DateTimeOffset? ScheduledAt = null,
    string? Status = null,
    long? Amount = null,
    string? Currency = null,
    string? MedicineName = null)
{
    private string StatusWords => Status switch
    {
        "checkedIn" => "checked in",
        "noShow" => "a no-show",
        null => "updated",
        _ => Status,
    };

    /// <summary>The sentence an admin reads in the feed and the toast; times on the hospital's clock.</summary>
    public string Describe(TimeZoneInfo hospitalZone) => EventType switch
    {
        EventTopics.AppointmentCreated => PatientName is not null && DoctorName is not null && ScheduledAt is { } at
            ? $"New appointment: {PatientName} with {DoctorName} at {TimeZoneInfo.ConvertTime(at, hospitalZone):HH:mm}"
            : $"New appointment #{AppointmentId}",
        EventTopics.AppointmentStatusChanged => $"Appointment {(PatientName is null ? "#" + AppointmentId : "of " + PatientName)} is now {StatusWords}",
        EventTopics.PatientRegistered => PatientName is null ? $"New patient #{PatientId}" : $"New patient: {PatientName}",
        EventTopics.DoctorCreated => DoctorName is null ? $"New doctor #{DoctorId}" : $"New doctor: {DoctorName}{(Department is null ? "" : ", " + Department)}",
        EventTopics.PaymentCompleted => Amount is { } amount
            ? $"Payment {amount.ToString("N0", CultureInfo.GetCultureInfo("en-US"))} {Currency}{(Department is null ? "" : " (" + Department + ")")}"
            : $"Payment #{PaymentId} completed",
        EventTopics.MedicineDispensed => MedicineName is null ? "Medicine dispensed" : $"Dispensed: {MedicineName}",
        _ => EventType,
    };
}

/// <summary>
/// Reads a message into a <see cref="HospitalEvent"/>, or says why it cannot. Anyone who can publish to the broker
/// reaches every open dashboard and SSE stream through here, so nothing leaves it raw: ids match
/// <see cref="SafeEventId"/> or become a hash, text is capped and stripped of control characters, and amounts
/// outside <see cref="MaxPlausibleAmount"/> are dropped.
/// </summary>
public static partial class HospitalEventParser
{
    /// <summary>Longest text field kept; longer names are cut here, before they reach a page, a log or a stream.</summary>
    public const int MaxTextLength = 200;

    /// <summary>
    /// The largest single payment believed, in whole VND (10 billion: more than any one hospital bill). Larger or
    /// negative amounts are forged or broken, and would move the revenue card for everyone watching.
    /// </summary>
    public const long MaxPlausibleAmount = 10_000_000_000;

    /// <summary>An event id that is safe in an SSE <c>id:</c> line, a log and a render key as it is (<c>\z</c>, not <c>$</c>, which would let a final newline through).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    public static partial Regex SafeEventId();

    public static bool TryParse(string topic, string? payload, DateTimeOffset receivedAt, out HospitalEvent? parsed, out string? error)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(payload))
        {
            error = "empty message";
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON object";
                return false;
            }
            var eventType = Text(root, "eventType") ?? topic;
            if (!CacheInvalidationMap.IsKnown(eventType))
            {
                error = $"unknown event type '{eventType}'";
                return false;
            }
            var occurredAt = Time(root, "occurredAt") ?? Time(root, "timestamp") ?? receivedAt;
            // Without an eventId (other publishers), the message's own content identifies it for de-duplication.
            var eventId = RawText(root, "eventId") is { } given
                ? SafeEventId().IsMatch(given) ? given : "h-" + Hash(given)
                : Hash(topic + "\n" + payload);
            parsed = new HospitalEvent(eventId, eventType, occurredAt,
                Text(root, "patientId"), Text(root, "doctorId"), Text(root, "appointmentId"), Text(root, "paymentId"),
                Text(root, "patientName"), Text(root, "doctorName"), Text(root, "department"), Time(root, "scheduledAt"),
                Text(root, "status"), Amount(root), Text(root, "currency"), Text(root, "medicineName"));
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"malformed JSON: {e.Message}";
            return false;
        }
        catch (FormatException e)
        {
            error = $"malformed field: {e.Message}";
            return false;
        }
    }

    // The same unsafe id always hashes to the same safe one, so a redelivery is still recognised as a duplicate.
    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    private static string? Text(JsonElement root, string name) => Clean(RawText(root, name));

    /// <summary>Control characters (newlines included) removed, then cut to <see cref="MaxTextLength"/>.</summary>
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var kept = new StringBuilder(Math.Min(text.Length, MaxTextLength));
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029') continue;
            kept.Append(c);
            if (kept.Length == MaxTextLength) break;
        }
        // A cut may split a surrogate pair; a lone half would not encode.
        if (kept.Length > 0 && char.IsHighSurrogate(kept[^1])) kept.Length--;
        return kept.ToString();
    }

    private static long? Amount(JsonElement root) =>
        Number(root, "amount") is { } amount && amount is >= 0 and <= MaxPlausibleAmount ? amount : null;

    private static string? RawText(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetDateTimeOffset() : null;

    private static long? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
}
