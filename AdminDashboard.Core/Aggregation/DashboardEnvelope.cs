using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Core.Aggregation;

/// <summary>
/// The seed's envelope: <c>{ success, data, warnings, partial }</c>, plus <c>sources</c> with one entry per service.
/// </summary>
public sealed record ApiEnvelope<T>(bool Success, T? Data, IReadOnlyList<string> Warnings, bool Partial, IReadOnlyList<SourceReport> Sources)
{
    /// <summary>Set on chart answers (the stats answer carries it in <c>data</c>, as the seed does).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? FromCache { get; init; }
}

/// <summary>Figures derived across services, null when a service they need is missing or there is nothing to divide by.</summary>
public sealed record DerivedMetrics(
    double? AppointmentCompletionRateToday,
    double? NoShowRateToday,
    double? NoShowRateLast30Days,
    long? RevenuePerVisitToday,
    double? AverageWaitMinutesToday);

/// <summary>
/// <c>data</c> of GET /v1/admin/dashboard/stats. The four headline figures are null when their service is missing;
/// so is the section of a service that failed. <c>timeZone</c> is the IANA id of the zone in which every "today",
/// "this month" and day bucket was counted (the hospital's, <c>Hospital:TimeZone</c>).
/// </summary>
public sealed record DashboardStats(
    int? TotalPatients,
    int? ActiveDoctors,
    int? TodayAppointments,
    long? RevenueToday,
    PatientStats? Patients,
    DoctorStats? Doctors,
    AppointmentStats? Appointments,
    BillingStats? Revenue,
    MedicineStats? Medicine,
    DerivedMetrics Derived,
    DateTimeOffset Timestamp,
    string TimeZone,
    long ResponseTime,
    bool FromCache);
