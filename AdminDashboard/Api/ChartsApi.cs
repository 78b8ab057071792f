using System.Globalization;
using System.Text;
using AdminDashboard.Audit;
using AdminDashboard.Auth;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Api;

/// <summary>
/// <c>/v1/admin/charts/*</c>: the data behind each chart, as the envelope (JSON) or as CSV with <c>format=csv</c>.
/// Ranges are in days (1-365, default 30).
/// </summary>
public static class ChartsApi
{
    public static WebApplication MapDashboardCharts(this WebApplication app)
    {
        var charts = app.MapGroup("/v1/admin/charts").RequireAuthorization(AuthPolicies.Admin).WithTags("Admin").Audited();
        charts.MapGet("/patient-growth", (int? days, string? format, ChartsService s, CancellationToken ct) =>
            Respond(days, format, "patient-growth", d => s.PatientGrowthAsync(d, ct), PatientGrowthCsv))
            .Produces<ApiEnvelope<PatientGrowth>>().Produces(200, contentType: "text/csv").ProducesValidationProblem();
        charts.MapGet("/appointment-trends", (int? days, string? format, ChartsService s, CancellationToken ct) =>
            Respond(days, format, "appointment-trends", d => s.AppointmentTrendsAsync(d, ct), AppointmentTrendsCsv))
            .Produces<ApiEnvelope<AppointmentTrends>>().Produces(200, contentType: "text/csv").ProducesValidationProblem();
        charts.MapGet("/revenue", (int? days, string? format, ChartsService s, CancellationToken ct) =>
            Respond(days, format, "revenue", d => s.RevenueAsync(d, ct), RevenueCsv))
            .Produces<ApiEnvelope<RevenueReport>>().Produces(200, contentType: "text/csv").ProducesValidationProblem();
        charts.MapGet("/top-doctors", (int? days, int? limit, string? format, ChartsService s, CancellationToken ct) =>
            limit is < 1 or > 50
                ? Task.FromResult(Invalid("limit", "limit must be between 1 and 50."))
                : Respond(days, format, "top-doctors", d => s.TopDoctorsAsync(d, limit ?? 10, ct), TopDoctorsCsv))
            .Produces<ApiEnvelope<TopDoctors>>().Produces(200, contentType: "text/csv").ProducesValidationProblem();
        charts.MapGet("/medicine-stock", (int? limit, string? format, ChartsService s, CancellationToken ct) =>
            limit is < 1 or > 500
                ? Task.FromResult(Invalid("limit", "limit must be between 1 and 500."))
                : Respond(1, format, "medicine-stock", _ => s.MedicineStockAsync(limit ?? 20, ct), StockCsv))
            .Produces<ApiEnvelope<StockReport>>().Produces(200, contentType: "text/csv").ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> Respond<T>(int? days, string? format, string name, Func<int, Task<ApiEnvelope<T>>> load, Action<StringBuilder, T> csv)
        where T : class
    {
        if (days is < 1 or > 365) return Invalid("days", "days must be between 1 and 365.");
        if (format is not null and not "csv" and not "json") return Invalid("format", "format must be json or csv.");
        var envelope = await load(days ?? 30);
        if (format != "csv") return Results.Ok(envelope);
        if (envelope.Data is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Data unavailable",
                detail: string.Join(" ", envelope.Warnings));
        }
        var text = new StringBuilder();
        csv(text, envelope.Data);
        return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"{name}-{(days ?? 30)}d.csv");
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Field(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static void PatientGrowthCsv(StringBuilder csv, PatientGrowth g)
    {
        csv.AppendLine("date,registrations,total");
        var total = g.TotalBefore;
        foreach (var d in g.Daily)
        {
            total += d.Registrations;
            csv.AppendLine(CultureInfo.InvariantCulture, $"{Date(d.Date)},{d.Registrations},{total}");
        }
    }

    private static void AppointmentTrendsCsv(StringBuilder csv, AppointmentTrends t)
    {
        csv.AppendLine("date,total,scheduled,checked_in,completed,cancelled,no_show");
        foreach (var d in t.Daily)
        {
            var c = d.Counts;
            csv.AppendLine(CultureInfo.InvariantCulture, $"{Date(d.Date)},{c.Total},{c.Scheduled},{c.CheckedIn},{c.Completed},{c.Cancelled},{c.NoShow}");
        }
    }

    private static void RevenueCsv(StringBuilder csv, RevenueReport r)
    {
        csv.AppendLine(CultureInfo.InvariantCulture, $"date,amount_{r.Currency.ToLowerInvariant()},payments");
        foreach (var d in r.Daily) csv.AppendLine(CultureInfo.InvariantCulture, $"{Date(d.Date)},{d.Amount},{d.Payments}");
    }

    private static void TopDoctorsCsv(StringBuilder csv, TopDoctors t)
    {
        csv.AppendLine("doctor_id,doctor,department,appointments,completed,no_show");
        foreach (var d in t.Doctors)
            csv.AppendLine(CultureInfo.InvariantCulture, $"{d.DoctorId},{Field(d.DoctorName)},{Field(d.Department)},{d.Appointments},{d.Completed},{d.NoShow}");
    }

    private static void StockCsv(StringBuilder csv, StockReport s)
    {
        csv.AppendLine("id,name,stock,reorder_point,days_to_stock_out,expiry_date");
        foreach (var l in s.LowStock)
            csv.AppendLine(CultureInfo.InvariantCulture, $"{l.Id},{Field(l.Name)},{l.StockQuantity},{l.ReorderPoint},{l.DaysToStockOut},{Date(l.ExpiryDate)}");
    }
}
