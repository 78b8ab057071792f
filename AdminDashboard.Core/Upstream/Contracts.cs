namespace AdminDashboard.Core.Upstream;

// Wire shapes of the services' GET /v1/admin/{service}/stats. They are also the envelope's sections,
// so a field a service adds is a field the API can pass on after one change here.

public sealed record PatientStats(
    int TotalPatients, int ActivePatients, int InactivePatients,
    int NewToday, int NewLast7Days, int NewThisMonth, double AverageAge, DateTimeOffset AsOf);

public sealed record DepartmentHeadcount(string Department, int ActiveDoctors);

public sealed record DoctorStats(
    int TotalDoctors, int ActiveDoctors, int OnLeave, int Inactive, int Departments,
    IReadOnlyList<DepartmentHeadcount> ByDepartment, DateTimeOffset AsOf);

public sealed record AppointmentStatusCounts(int Total, int Scheduled, int CheckedIn, int Completed, int Cancelled, int NoShow);

public sealed record AppointmentStats(
    AppointmentStatusCounts Today, AppointmentStatusCounts Last30Days, int UpcomingNext7Days,
    double? AverageWaitMinutesToday, int FinishedWaitsToday, DateTimeOffset AsOf);

public sealed record DepartmentRevenue(string Department, long Amount);

public sealed record BillingStats(
    string Currency, long RevenueToday, int PaymentsToday, long RevenueLast7Days, long RevenueMonthToDate,
    int OutstandingInvoices, long OutstandingAmount, IReadOnlyList<DepartmentRevenue> RevenueByDepartmentToday, DateTimeOffset AsOf);

public sealed record MedicineStats(
    int TotalItems, int LowStock, int OutOfStock, int AtRiskWithin7Days, int ExpiringWithin30Days, int Expired,
    long InventoryValue, DateTimeOffset AsOf);
