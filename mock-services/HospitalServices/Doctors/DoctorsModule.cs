using HospitalServices.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HospitalServices.Doctors;

/// <summary>The doctor service: the staff list by department and status.</summary>
public sealed class DoctorsModule : IHospitalServiceModule
{
    public HospitalService Service => HospitalService.Doctors;

    public void AddStore(IServiceCollection services) => services.AddSingleton<DoctorStore>();

    public void Seed(IServiceProvider services) => services.GetRequiredService<DoctorStore>();

    public void MapReads(IEndpointRouteBuilder admin) =>
        admin.MapGet("/doctors/stats", (DoctorStore s) => ServiceAnswer.Ok(s.Stats()));

    public void MapWrites(IEndpointRouteBuilder api) =>
        api.MapPost("/doctors", (CreateDoctorRequest r, DoctorStore s) =>
            string.IsNullOrWhiteSpace(r.FullName) ? ServiceProblems.Invalid("fullName", "fullName is required.")
            : string.IsNullOrWhiteSpace(r.Specialty) ? ServiceProblems.Invalid("specialty", "specialty is required.")
            : r.Department is null || !DoctorStore.IsKnownDepartment(r.Department) ? ServiceProblems.Invalid("department", "department must be one of the hospital's departments.")
            : ServiceProblems.TooLong("fullName", r.FullName) ?? ServiceProblems.TooLong("specialty", r.Specialty) ?? Results.Ok(s.Create(r)));

    public object? Simulate(IServiceProvider services, string eventType) => eventType switch
    {
        HospitalEventTypes.DoctorCreated => services.GetRequiredService<DoctorStore>().CreateRandom(),
        _ => throw new ArgumentException($"The doctor service does not own '{eventType}'."),
    };
}
