using HospitalServices.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HospitalServices.Appointments;

/// <summary>The appointment service: bookings, check-ins and outcomes; trends and top doctors.</summary>
public sealed class AppointmentsModule : IHospitalServiceModule
{
    public HospitalService Service => HospitalService.Appointments;

    public void AddStore(IServiceCollection services) => services.AddSingleton<AppointmentStore>();

    public void Seed(IServiceProvider services) => services.GetRequiredService<AppointmentStore>();

    public void MapReads(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/appointments/stats", (AppointmentStore s) => ServiceAnswer.Ok(s.Stats()));
        admin.MapGet("/appointments/trends", (int? days, AppointmentStore s) => ServiceProblems.Ranged(days, d => s.Trends(d)));
        admin.MapGet("/appointments/top-doctors", (int? days, int? limit, AppointmentStore s) =>
            limit is < 1 or > 100 ? ServiceProblems.OutOfRange("limit", 1, 100) : ServiceProblems.Ranged(days, d => s.Top(d, limit ?? 10)));
    }

    public void MapWrites(IEndpointRouteBuilder api) =>
        api.MapPost("/appointments", (CreateAppointmentRequest r, AppointmentStore s) =>
            r.PatientId is null or < 1 ? ServiceProblems.Invalid("patientId", "patientId must be a positive id.")
            : r.DoctorId is null or < 1 ? ServiceProblems.Invalid("doctorId", "doctorId must be a positive id.")
            : r.ScheduledAt is null ? ServiceProblems.Invalid("scheduledAt", "scheduledAt is required.")
            : Results.Ok(s.Create(r)));

    public object? Simulate(IServiceProvider services, string eventType) => eventType switch
    {
        HospitalEventTypes.AppointmentCreated => services.GetRequiredService<AppointmentStore>().CreateRandom(),
        HospitalEventTypes.AppointmentStatusChanged => services.GetRequiredService<AppointmentStore>().AdvanceRandom(),
        _ => throw new ArgumentException($"The appointment service does not own '{eventType}'."),
    };
}
