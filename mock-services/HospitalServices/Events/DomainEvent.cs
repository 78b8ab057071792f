using System.Globalization;
using HospitalServices.Appointments;
using HospitalServices.Billing;
using HospitalServices.Doctors;
using HospitalServices.Medicine;
using HospitalServices.Patients;

namespace HospitalServices.Events;

/// <summary>
/// A change in a hospital service, as published: the seed's fields (<c>eventType</c>, the entity ids,
/// <c>timestamp</c>) plus an <c>eventId</c>, <c>occurredAt</c> and the display fields a live feed needs.
/// </summary>
public sealed record DomainEvent
{
    public required string EventId { get; init; }
    public required string EventType { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The seed's name for the time of the change; same value as <see cref="OccurredAt"/>.</summary>
    public DateTimeOffset Timestamp => OccurredAt;

    public int? PatientId { get; init; }
    public int? DoctorId { get; init; }
    public int? AppointmentId { get; init; }
    public int? PaymentId { get; init; }
    public int? InvoiceId { get; init; }
    public int? MedicineId { get; init; }

    public string? PatientName { get; init; }
    public string? DoctorName { get; init; }
    public string? Department { get; init; }
    public string? Specialty { get; init; }
    public DateTimeOffset? ScheduledAt { get; init; }
    public string? Status { get; init; }
    public long? Amount { get; init; }
    public string? Currency { get; init; }
    public string? MedicineName { get; init; }
    public int? StockQuantity { get; init; }
    public int? ReorderPoint { get; init; }

    /// <summary>The partition key: the id of the entity the event is about.</summary>
    public string Key => (AppointmentId ?? PaymentId ?? MedicineId ?? DoctorId ?? PatientId)?.ToString(CultureInfo.InvariantCulture) ?? EventId;

    /// <summary>The event a write to the store announces; null for an entity no event describes.</summary>
    public static DomainEvent? For(string eventType, object entity, DateTimeOffset now)
    {
        var id = Guid.NewGuid().ToString("N");
        return entity switch
        {
            Patient p => new DomainEvent { EventId = id, EventType = eventType, OccurredAt = now, PatientId = p.Id, PatientName = p.FullName },
            Doctor d => new DomainEvent
            {
                EventId = id, EventType = eventType, OccurredAt = now, DoctorId = d.Id, DoctorName = d.FullName,
                Department = d.Department, Specialty = d.Specialty,
            },
            Appointment a => new DomainEvent
            {
                EventId = id, EventType = eventType, OccurredAt = now, AppointmentId = a.Id, PatientId = a.PatientId,
                DoctorId = a.DoctorId, PatientName = a.PatientName, DoctorName = a.DoctorName, Department = a.Department,
                ScheduledAt = a.ScheduledAt, Status = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(a.Status.ToString()),
            },
            Payment p => new DomainEvent
            {
                EventId = id, EventType = eventType, OccurredAt = now, PaymentId = p.Id, InvoiceId = p.InvoiceId,
                PatientId = p.PatientId, PatientName = p.PatientName, Department = p.Department, Amount = p.Amount,
                Currency = BillingStore.Currency,
            },
            MedicineItem m => new DomainEvent
            {
                EventId = id, EventType = eventType, OccurredAt = now, MedicineId = m.Id, MedicineName = m.Name,
                StockQuantity = m.StockQuantity, ReorderPoint = m.ReorderPoint,
            },
            _ => null,
        };
    }
}
