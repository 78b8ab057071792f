using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Core.Stats;

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

public static class StatsEnvelope
{
    /// <summary>The stats envelope from a fan-out: a section per service, the headline figures and derived KPIs, a warning per missing source.</summary>
    public static ApiEnvelope<DashboardStats> Build(DashboardFanOut f, DateTimeOffset timestamp, string timeZone, long responseTimeMs, bool fromCache)
    {
        var sources = f.Sources.Select(s => s.AgedAt(timestamp)).ToList();
        var warnings = sources.Where(s => s.Status != SourceStatus.Ok).Select(SourceWording.Warning).ToList();
        var p = f.Patients.Value;
        var d = f.Doctors.Value;
        var a = f.Appointments.Value;
        var b = f.Billing.Value;
        var m = f.Medicine.Value;
        var data = new DashboardStats(
            p?.TotalPatients, d?.ActiveDoctors, a?.Today.Total, b?.RevenueToday,
            p, d, a, b, m, Derive(a, b), timestamp, timeZone, responseTimeMs, fromCache);
        var withFigures = sources.Count(s => s.Status is SourceStatus.Ok or SourceStatus.Stale);
        return new ApiEnvelope<DashboardStats>(Success: withFigures > 0, data, warnings, Partial: warnings.Count > 0, sources);
    }

    public static DerivedMetrics Derive(AppointmentStats? a, BillingStats? b)
    {
        static double? Rounded(double? rate) => rate is { } r ? Math.Round(r, 4) : null;
        long? revenuePerVisit = a is not null && b is not null && a.Today.Completed > 0 ? b.RevenueToday / a.Today.Completed : null;
        return new DerivedMetrics(
            Rounded(a?.Today.CompletionRate()),
            Rounded(a?.Today.NoShowRate()),
            Rounded(a?.Last30Days.NoShowRate()),
            revenuePerVisit,
            a?.AverageWaitMinutesToday);
    }
}

/// <summary>
/// Completion and no-show rates, for the derived KPIs and the rate chart alike. They count only appointments whose
/// outcome is known (seen or missed); null when there is none yet.
/// </summary>
public static class AppointmentOutcomes
{
    public static double? CompletionRate(this AppointmentStatusCounts c) => Share(c.Completed, c.Completed + c.NoShow);

    public static double? NoShowRate(this AppointmentStatusCounts c) => Share(c.NoShow, c.Completed + c.NoShow);

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
