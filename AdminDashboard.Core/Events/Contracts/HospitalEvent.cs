using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;

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

/// <summary>Reads a message into a <see cref="HospitalEvent"/>, or says why it cannot.</summary>
public static class HospitalEventParser
{
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
            var eventId = Text(root, "eventId") ?? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(topic + "\n" + payload)))[..32];
            parsed = new HospitalEvent(eventId, eventType, occurredAt,
                Text(root, "patientId"), Text(root, "doctorId"), Text(root, "appointmentId"), Text(root, "paymentId"),
                Text(root, "patientName"), Text(root, "doctorName"), Text(root, "department"), Time(root, "scheduledAt"),
                Text(root, "status"), Number(root, "amount"), Text(root, "currency"), Text(root, "medicineName"));
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

    private static string? Text(JsonElement root, string name) =>
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
