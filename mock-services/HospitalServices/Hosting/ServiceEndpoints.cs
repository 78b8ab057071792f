using HospitalServices.Appointments;
using HospitalServices.Billing;
using HospitalServices.Doctors;
using HospitalServices.Medicine;
using HospitalServices.Patients;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HospitalServices.Hosting;

/// <summary>What the services' writes accept.</summary>
public static class WriteLimits
{
    /// <summary>
    /// Longest text a write keeps. What is stored is announced on the bus and shown on every open dashboard; a
    /// megabyte name would be carried to all of them.
    /// </summary>
    public const int MaxFieldLength = 200;
}

/// <summary>The data, write and simulate endpoints of each service. Guard and faults are applied by the caller.</summary>
internal static class ServiceEndpoints
{
    public static void AddStore(IServiceCollection services, HospitalService service)
    {
        switch (service)
        {
            case HospitalService.Patients: services.AddSingleton<PatientStore>(); break;
            case HospitalService.Doctors: services.AddSingleton<DoctorStore>(); break;
            case HospitalService.Appointments: services.AddSingleton<AppointmentStore>(); break;
            case HospitalService.Billing: services.AddSingleton<BillingStore>(); break;
            case HospitalService.Medicine: services.AddSingleton<MedicineStore>(); break;
        }
    }

    public static void Seed(IServiceProvider services, HospitalService service) => _ = service switch
    {
        HospitalService.Patients => (object)services.GetRequiredService<PatientStore>(),
        HospitalService.Doctors => services.GetRequiredService<DoctorStore>(),
        HospitalService.Appointments => services.GetRequiredService<AppointmentStore>(),
        HospitalService.Billing => services.GetRequiredService<BillingStore>(),
        HospitalService.Medicine => services.GetRequiredService<MedicineStore>(),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    /// <summary>GET /v1/admin/{service}/stats: every figure computed from the store now, as <c>{ success, data }</c>.</summary>
    public static RouteHandlerBuilder MapStats(IEndpointRouteBuilder admin, HospitalService service) => service switch
    {
        HospitalService.Patients => admin.MapGet("/patients/stats", (PatientStore s) => ServiceAnswer.Ok(s.Stats())),
        HospitalService.Doctors => admin.MapGet("/doctors/stats", (DoctorStore s) => ServiceAnswer.Ok(s.Stats())),
        HospitalService.Appointments => admin.MapGet("/appointments/stats", (AppointmentStore s) => ServiceAnswer.Ok(s.Stats())),
        HospitalService.Billing => admin.MapGet("/billing/stats", (BillingStore s) => ServiceAnswer.Ok(s.Stats())),
        HospitalService.Medicine => admin.MapGet("/medicine/stats", (MedicineStore s) => ServiceAnswer.Ok(s.Stats())),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    /// <summary>The chart endpoints under /v1/admin/{service}/..., with their range checked, as <c>{ success, data }</c>.</summary>
    public static void MapCharts(IEndpointRouteBuilder admin, HospitalService service)
    {
        switch (service)
        {
            case HospitalService.Patients:
                admin.MapGet("/patients/growth", (int? days, PatientStore s) => Ranged(days, d => s.Growth(d)));
                break;
            case HospitalService.Appointments:
                admin.MapGet("/appointments/trends", (int? days, AppointmentStore s) => Ranged(days, d => s.Trends(d)));
                admin.MapGet("/appointments/top-doctors", (int? days, int? limit, AppointmentStore s) =>
                    limit is < 1 or > 100 ? Invalid("limit", "limit must be between 1 and 100.") : Ranged(days, d => s.Top(d, limit ?? 10)));
                break;
            case HospitalService.Billing:
                admin.MapGet("/billing/revenue", (int? days, BillingStore s) => Ranged(days, d => s.Revenue(d)));
                break;
            case HospitalService.Medicine:
                admin.MapGet("/medicine/stock", (int? limit, MedicineStore s) =>
                    limit is < 1 or > 500 ? Invalid("limit", "limit must be between 1 and 500.") : ServiceAnswer.Ok(s.Stock(limit ?? 20)));
                break;
        }
    }

    private static IResult Ranged<T>(int? days, Func<int, T> report) =>
        days is < 1 or > 365 ? Invalid("days", "days must be between 1 and 365.") : ServiceAnswer.Ok(report(days ?? 30));

    public static void MapWrites(IEndpointRouteBuilder api, HospitalService service)
    {
        switch (service)
        {
            case HospitalService.Patients:
                api.MapPost("/patients", (RegisterPatientRequest r, PatientStore s) =>
                    string.IsNullOrWhiteSpace(r.FullName) ? Invalid("fullName", "fullName is required.")
                    : TooLong("fullName", r.FullName) ?? TooLong("gender", r.Gender) ?? Results.Ok(s.Register(r)));
                break;
            case HospitalService.Doctors:
                api.MapPost("/doctors", (CreateDoctorRequest r, DoctorStore s) =>
                    string.IsNullOrWhiteSpace(r.FullName) ? Invalid("fullName", "fullName is required.")
                    : string.IsNullOrWhiteSpace(r.Specialty) ? Invalid("specialty", "specialty is required.")
                    : r.Department is null || !DoctorStore.IsKnownDepartment(r.Department) ? Invalid("department", "department must be one of the hospital's departments.")
                    : TooLong("fullName", r.FullName) ?? TooLong("specialty", r.Specialty) ?? Results.Ok(s.Create(r)));
                break;
            case HospitalService.Appointments:
                api.MapPost("/appointments", (CreateAppointmentRequest r, AppointmentStore s) =>
                    r.PatientId is null or < 1 ? Invalid("patientId", "patientId must be a positive id.")
                    : r.DoctorId is null or < 1 ? Invalid("doctorId", "doctorId must be a positive id.")
                    : r.ScheduledAt is null ? Invalid("scheduledAt", "scheduledAt is required.")
                    : Results.Ok(s.Create(r)));
                break;
            case HospitalService.Billing:
                api.MapPost("/billing/payments", (CompletePaymentRequest r, BillingStore s) =>
                {
                    if (r.InvoiceId is null or < 1) return Invalid("invoiceId", "invoiceId must be a positive id.");
                    if (TooLong("method", r.Method) is { } tooLong) return tooLong;
                    try
                    {
                        var payment = s.Complete(r);
                        return payment is null ? Results.Problem(statusCode: 404, title: "Invoice not found") : Results.Ok(payment);
                    }
                    catch (InvalidOperationException e)
                    {
                        return Results.Problem(statusCode: 409, title: "Invoice already paid", detail: e.Message);
                    }
                });
                break;
            case HospitalService.Medicine:
                api.MapPost("/medicine/dispense", (DispenseRequest r, MedicineStore s) =>
                {
                    if (r.MedicineId is null or < 1) return Invalid("medicineId", "medicineId must be a positive id.");
                    if (r.Quantity is null or < 1) return Invalid("quantity", "quantity must be at least 1.");
                    try
                    {
                        var item = s.Dispense(r);
                        return item is null ? Results.Problem(statusCode: 404, title: "Medicine not found") : Results.Ok(item);
                    }
                    catch (InvalidOperationException e)
                    {
                        return Results.Problem(statusCode: 409, title: "Not enough stock", detail: e.Message);
                    }
                });
                break;
        }
    }

    /// <summary>Creates one realistic entity of the given kind through the store's normal write path.</summary>
    public static object? Simulate(IServiceProvider services, HospitalService service, string eventType) => (service, eventType) switch
    {
        (HospitalService.Patients, HospitalEventTypes.PatientRegistered) => services.GetRequiredService<PatientStore>().RegisterRandom(),
        (HospitalService.Doctors, HospitalEventTypes.DoctorCreated) => services.GetRequiredService<DoctorStore>().CreateRandom(),
        (HospitalService.Appointments, HospitalEventTypes.AppointmentCreated) => services.GetRequiredService<AppointmentStore>().CreateRandom(),
        (HospitalService.Appointments, HospitalEventTypes.AppointmentStatusChanged) => services.GetRequiredService<AppointmentStore>().AdvanceRandom(),
        (HospitalService.Billing, HospitalEventTypes.PaymentCompleted) => services.GetRequiredService<BillingStore>().CompleteRandom(),
        (HospitalService.Medicine, HospitalEventTypes.MedicineDispensed) => services.GetRequiredService<MedicineStore>().DispenseRandom(),
        _ => throw new ArgumentException($"The {service} service does not own '{eventType}'."),
    };

    private static IResult? TooLong(string field, string? value) =>
        value is { Length: > WriteLimits.MaxFieldLength } ? Invalid(field, $"{field} must be at most {WriteLimits.MaxFieldLength} characters.") : null;

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
