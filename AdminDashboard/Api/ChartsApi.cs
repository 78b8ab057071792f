using System.Globalization;
using System.Text;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Charts;
using AdminDashboard.Core.Upstream;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AdminDashboard.Api;

/// <summary>
/// <c>/v1/admin/charts/*</c>: the data behind each chart, as the envelope (JSON) or as CSV with <c>format=csv</c>.
/// Ranges are in days (1-365, default 30). Query parameters are read by <see cref="QueryReader"/>, so every bad value
/// is a 400 that names its parameter.
/// </summary>
public static class ChartsApi
{
    private static readonly IntegerQuery Days = new("days", 1, 365, 30, "How many days back, today included.");
    private static readonly IntegerQuery TopDoctorsLimit = new("limit", 1, 50, 10, "How many doctors, most appointments first.");
    private static readonly IntegerQuery LowStockLimit = new("limit", 1, 500, 20, "How many low-stock items, soonest stock-out first.");
    private static readonly ChoiceQuery Format = new("format", [JsonFormat, CsvFormat], JsonFormat,
        "`json`: the envelope; `csv`: the data alone as a CSV download (503 while the data is unavailable).");

    private const string JsonFormat = "json";
    private const string CsvFormat = "csv";
    private const string CsvContentType = "text/csv";

    public static WebApplication MapDashboardCharts(this WebApplication app)
    {
        var charts = app.MapAdminGroup("/charts");
        charts.MapGet("/patient-growth", (HttpRequest request, ChartsService s, CancellationToken ct) =>
            {
                var query = new QueryReader(request.Query);
                var days = query.Read(Days);
                return Respond(query, $"patient-growth-{days}d", () => s.PatientGrowthAsync(days, ct), ChartCsv.PatientGrowth);
            })
            .DocumentChart<PatientGrowth>("GetPatientGrowthChart", "Patient registrations per day",
                "New registrations per day and the running total of patients.", Days);
        charts.MapGet("/appointment-trends", (HttpRequest request, ChartsService s, CancellationToken ct) =>
            {
                var query = new QueryReader(request.Query);
                var days = query.Read(Days);
                return Respond(query, $"appointment-trends-{days}d", () => s.AppointmentTrendsAsync(days, ct), ChartCsv.AppointmentTrends);
            })
            .DocumentChart<AppointmentTrends>("GetAppointmentTrendsChart", "Appointments per day by status",
                "Appointments per day by status, with completion and no-show rates.", Days);
        charts.MapGet("/revenue", (HttpRequest request, ChartsService s, CancellationToken ct) =>
            {
                var query = new QueryReader(request.Query);
                var days = query.Read(Days);
                return Respond(query, $"revenue-{days}d", () => s.RevenueAsync(days, ct), ChartCsv.Revenue);
            })
            .DocumentChart<RevenueReport>("GetRevenueChart", "Revenue per day and by department",
                "Revenue and payments per day and revenue by department over the range, in whole units of `currency`.", Days);
        charts.MapGet("/top-doctors", (HttpRequest request, ChartsService s, CancellationToken ct) =>
            {
                var query = new QueryReader(request.Query);
                var days = query.Read(Days);
                var limit = query.Read(TopDoctorsLimit);
                return Respond(query, $"top-doctors-{days}d", () => s.TopDoctorsAsync(days, limit, ct), ChartCsv.TopDoctors);
            })
            .DocumentChart<TopDoctors>("GetTopDoctorsChart", "Doctors with the most appointments",
                "Doctors ranked by appointments over the range, with completed and no-show counts.", Days, TopDoctorsLimit);
        charts.MapGet("/medicine-stock", (HttpRequest request, ChartsService s, CancellationToken ct) =>
            {
                var query = new QueryReader(request.Query);
                var limit = query.Read(LowStockLimit);
                return Respond(query, "medicine-stock", () => s.MedicineStockAsync(limit, ct), ChartCsv.Stock);
            })
            .DocumentChart<StockReport>("GetMedicineStockChart", "Pharmacy stock against reorder points",
                "Stock against reorder point and the low-stock list, soonest stock-out first.", LowStockLimit);
        return app;
    }

    /// <summary>
    /// What every chart answers, for the document: the envelope as JSON or the data as CSV, 400 naming each bad
    /// parameter, 503 for a CSV of data that is unavailable.
    /// </summary>
    private static RouteHandlerBuilder DocumentChart<T>(this RouteHandlerBuilder builder, string operationId, string summary,
        string description, params QueryParameter[] parameters) =>
        builder.WithName(operationId).WithSummary(summary).WithDescription(description + " `format=csv` downloads the same data as CSV.")
            .Produces<ApiEnvelope<T>>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithQuery([.. parameters, Format])
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // One status, two media types: Produces() keeps one entry per status code, so the CSV is added here.
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
                {
                    response.Content ??= new Dictionary<string, OpenApiMediaType>();
                    response.Content[CsvContentType] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The data as CSV, a header row first." },
                    };
                }
                return Task.CompletedTask;
            });

    private static async Task<IResult> Respond<T>(QueryReader query, string fileName, Func<Task<ApiEnvelope<T>>> load, Action<StringBuilder, T> csv)
        where T : class
    {
        var format = query.Read(Format);
        if (query.Problem() is { } problem) return problem;
        var envelope = await load();
        if (format != CsvFormat) return Results.Ok(envelope);
        if (envelope.Data is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Data unavailable",
                detail: string.Join(" ", envelope.Warnings));
        }
        var text = new StringBuilder();
        csv(text, envelope.Data);
        return Results.File(Encoding.UTF8.GetBytes(text.ToString()), CsvContentType + "; charset=utf-8", fileName + ".csv");
    }
}
