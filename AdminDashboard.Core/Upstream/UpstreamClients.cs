namespace AdminDashboard.Core.Upstream;

/// <summary>An upstream service answered, but not with what was asked for.</summary>
public sealed class UpstreamException(UpstreamService service, string reason, int? statusCode = null) : Exception(reason)
{
    public UpstreamService Service { get; } = service;
    public int? StatusCode { get; } = statusCode;
}

/// <summary>
/// Base of the typed clients: GET JSON in either answer shape (<see cref="UpstreamAnswer"/>); a non-success status or
/// <c>success: false</c> becomes an <see cref="UpstreamException"/> carrying the service's own message.
/// </summary>
public abstract class UpstreamClient(HttpClient http, UpstreamService service)
{
    public UpstreamService Service => service;

    protected async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var code = (int)response.StatusCode;
            var reason = code switch
            {
                401 or 403 => $"it refused the dashboard's credentials (HTTP {code})",
                >= 500 => $"it reported an internal error (HTTP {code})",
                _ => $"it answered HTTP {code}",
            };
            var message = UpstreamAnswer.FailureMessage(body);
            throw new UpstreamException(service, message is null ? reason : $"{reason}: {message}", code);
        }
        return UpstreamAnswer.Read<T>(body, service, UpstreamJson.Options);
    }

    protected string StatsPath => $"/v1/admin/{service.PathSegment()}/stats";
}

public sealed class PatientsClient(HttpClient http) : UpstreamClient(http, UpstreamService.Patients)
{
    public Task<PatientStats> GetStatsAsync(CancellationToken ct) => GetAsync<PatientStats>(StatsPath, ct);
    public Task<PatientGrowth> GetGrowthAsync(int days, CancellationToken ct) => GetAsync<PatientGrowth>($"/v1/admin/patients/growth?days={days}", ct);
}

public sealed class DoctorsClient(HttpClient http) : UpstreamClient(http, UpstreamService.Doctors)
{
    public Task<DoctorStats> GetStatsAsync(CancellationToken ct) => GetAsync<DoctorStats>(StatsPath, ct);
}

public sealed class AppointmentsClient(HttpClient http) : UpstreamClient(http, UpstreamService.Appointments)
{
    public Task<AppointmentStats> GetStatsAsync(CancellationToken ct) => GetAsync<AppointmentStats>(StatsPath, ct);
    public Task<AppointmentTrends> GetTrendsAsync(int days, CancellationToken ct) => GetAsync<AppointmentTrends>($"/v1/admin/appointments/trends?days={days}", ct);
    public Task<TopDoctors> GetTopDoctorsAsync(int days, int limit, CancellationToken ct) =>
        GetAsync<TopDoctors>($"/v1/admin/appointments/top-doctors?days={days}&limit={limit}", ct);
}

public sealed class BillingClient(HttpClient http) : UpstreamClient(http, UpstreamService.Billing)
{
    public Task<BillingStats> GetStatsAsync(CancellationToken ct) => GetAsync<BillingStats>(StatsPath, ct);
    public Task<RevenueReport> GetRevenueAsync(int days, CancellationToken ct) => GetAsync<RevenueReport>($"/v1/admin/billing/revenue?days={days}", ct);
}

public sealed class MedicineClient(HttpClient http) : UpstreamClient(http, UpstreamService.Medicine)
{
    public Task<MedicineStats> GetStatsAsync(CancellationToken ct) => GetAsync<MedicineStats>(StatsPath, ct);
    public Task<StockReport> GetStockAsync(int limit, CancellationToken ct) => GetAsync<StockReport>($"/v1/admin/medicine/stock?limit={limit}", ct);
}

/// <summary>The five services as the aggregator sees them; a seam for tests that need no network.</summary>
public interface IHospitalServices
{
    Task<PatientStats> GetPatientStatsAsync(CancellationToken ct);
    Task<DoctorStats> GetDoctorStatsAsync(CancellationToken ct);
    Task<AppointmentStats> GetAppointmentStatsAsync(CancellationToken ct);
    Task<BillingStats> GetBillingStatsAsync(CancellationToken ct);
    Task<MedicineStats> GetMedicineStatsAsync(CancellationToken ct);
}

public sealed class HttpHospitalServices(
    PatientsClient patients, DoctorsClient doctors, AppointmentsClient appointments, BillingClient billing, MedicineClient medicine)
    : IHospitalServices
{
    public Task<PatientStats> GetPatientStatsAsync(CancellationToken ct) => patients.GetStatsAsync(ct);
    public Task<DoctorStats> GetDoctorStatsAsync(CancellationToken ct) => doctors.GetStatsAsync(ct);
    public Task<AppointmentStats> GetAppointmentStatsAsync(CancellationToken ct) => appointments.GetStatsAsync(ct);
    public Task<BillingStats> GetBillingStatsAsync(CancellationToken ct) => billing.GetStatsAsync(ct);
    public Task<MedicineStats> GetMedicineStatsAsync(CancellationToken ct) => medicine.GetStatsAsync(ct);
}
