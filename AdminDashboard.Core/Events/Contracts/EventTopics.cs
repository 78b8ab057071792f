namespace AdminDashboard.Core.Events.Contracts;

/// <summary>The event types the dashboard consumes; each is also the Kafka topic's name. The one place that names them.</summary>
public static class EventTopics
{
    public const string PatientRegistered = "patient.registered";
    public const string DoctorCreated = "doctor.created";
    public const string AppointmentCreated = "appointment.created";
    public const string AppointmentStatusChanged = "appointment.status-changed";
    public const string PaymentCompleted = "payment.completed";
    public const string MedicineDispensed = "medicine.dispensed";

    public static IReadOnlyList<string> All { get; } =
        [PatientRegistered, DoctorCreated, AppointmentCreated, AppointmentStatusChanged, PaymentCompleted, MedicineDispensed];
}
