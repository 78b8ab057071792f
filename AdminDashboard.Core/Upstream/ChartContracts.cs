namespace AdminDashboard.Core.Upstream;

// Wire shapes of the services' chart endpoints; also the data of the dashboard's /v1/admin/charts/* answers.

public sealed record DailyRegistrations(DateOnly Date, int Registrations);

public sealed record PatientGrowth(int Days, int TotalBefore, int TotalNow, IReadOnlyList<DailyRegistrations> Daily, DateTimeOffset AsOf);

public sealed record DailyAppointments(DateOnly Date, AppointmentStatusCounts Counts);

public sealed record AppointmentTrends(int Days, IReadOnlyList<DailyAppointments> Daily, DateTimeOffset AsOf);

public sealed record DoctorRanking(int DoctorId, string DoctorName, string Department, int Appointments, int Completed, int NoShow);

public sealed record TopDoctors(int Days, IReadOnlyList<DoctorRanking> Doctors, DateTimeOffset AsOf);

public sealed record DailyRevenue(DateOnly Date, long Amount, int Payments);

public sealed record RevenueReport(int Days, string Currency, long Total, IReadOnlyList<DailyRevenue> Daily,
    IReadOnlyList<DepartmentRevenue> ByDepartment, DateTimeOffset AsOf);

public sealed record StockLine(int Id, string Name, int StockQuantity, int ReorderPoint, double? DaysToStockOut, DateOnly ExpiryDate);

public sealed record StockReport(int TotalItems, int AtOrBelowReorderPoint, IReadOnlyList<StockLine> LowStock, DateTimeOffset AsOf);
