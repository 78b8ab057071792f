using HospitalServices.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HospitalServices.Patients;

/// <summary>The patient service: registrations, and their counts and growth.</summary>
public sealed class PatientsModule : IHospitalServiceModule
{
    public HospitalService Service => HospitalService.Patients;

    public void AddStore(IServiceCollection services) => services.AddSingleton<PatientStore>();

    public void Seed(IServiceProvider services) => services.GetRequiredService<PatientStore>();

    public void MapReads(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/patients/stats", (PatientStore s) => ServiceAnswer.Ok(s.Stats()));
        admin.MapGet("/patients/growth", (int? days, PatientStore s) => ServiceProblems.Ranged(days, d => s.Growth(d)));
    }

    public void MapWrites(IEndpointRouteBuilder api) =>
        api.MapPost("/patients", (RegisterPatientRequest r, PatientStore s) =>
            string.IsNullOrWhiteSpace(r.FullName) ? ServiceProblems.Invalid("fullName", "fullName is required.")
            : ServiceProblems.TooLong("fullName", r.FullName) ?? ServiceProblems.TooLong("gender", r.Gender) ?? Results.Ok(s.Register(r)));

    public object? Simulate(IServiceProvider services, string eventType) => eventType switch
    {
        HospitalEventTypes.PatientRegistered => services.GetRequiredService<PatientStore>().RegisterRandom(),
        _ => throw new ArgumentException($"The patient service does not own '{eventType}'."),
    };
}
