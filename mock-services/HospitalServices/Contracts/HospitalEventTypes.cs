namespace HospitalServices.Contracts;

/// <summary>The kinds of domain change each service can simulate (and, with live updates, publish).</summary>
public static class HospitalEventTypes
{
    public const string PatientRegistered = "patient.registered";
    public const string DoctorCreated = "doctor.created";
    public const string AppointmentCreated = "appointment.created";
    public const string AppointmentStatusChanged = "appointment.status-changed";
    public const string PaymentCompleted = "payment.completed";
    public const string MedicineDispensed = "medicine.dispensed";

    public static IReadOnlyList<string> OwnedBy(HospitalService service) => service switch
    {
        HospitalService.Patients => [PatientRegistered],
        HospitalService.Doctors => [DoctorCreated],
        HospitalService.Appointments => [AppointmentCreated, AppointmentStatusChanged],
        HospitalService.Billing => [PaymentCompleted],
        HospitalService.Medicine => [MedicineDispensed],
        _ => [],
    };

    /// <summary>
    /// Which event a write endpoint's result announces. It lives beside the service table, not in the event type,
    /// so that Events does not depend on Hosting.
    /// </summary>
    public static string AnnouncedByWrite(HospitalService service) => service switch
    {
        HospitalService.Patients => PatientRegistered,
        HospitalService.Doctors => DoctorCreated,
        HospitalService.Appointments => AppointmentCreated,
        HospitalService.Billing => PaymentCompleted,
        HospitalService.Medicine => MedicineDispensed,
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    /// <summary>Every type, in the order of the constants above.</summary>
    public static IReadOnlyList<string> All { get; } =
        [PatientRegistered, DoctorCreated, AppointmentCreated, AppointmentStatusChanged, PaymentCompleted, MedicineDispensed];
}
