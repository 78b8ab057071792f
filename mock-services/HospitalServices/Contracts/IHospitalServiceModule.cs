using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HospitalServices.Contracts;

/// <summary>
/// One hospital service as the host runs it: its store, its seed, its endpoints and its simulated changes. Each service's
/// folder has one (<c>Patients/PatientsModule.cs</c>, ...), so a service's endpoints are found by its name.
/// </summary>
public interface IHospitalServiceModule
{
    HospitalService Service { get; }

    /// <summary>Registers the service's store.</summary>
    void AddStore(IServiceCollection services);

    /// <summary>Builds the store's seeded data, before the port opens, so the first request does not pay for it.</summary>
    void Seed(IServiceProvider services);

    /// <summary>GET /v1/admin/{service}/stats and the chart reads, every figure computed from the store now, as <c>{ success, data }</c>.</summary>
    void MapReads(IEndpointRouteBuilder admin);

    /// <summary>The write endpoints; the host announces each successful write as <see cref="HospitalEventTypes.AnnouncedByWrite"/>.</summary>
    void MapWrites(IEndpointRouteBuilder api);

    /// <summary>One realistic change of the given kind through the store's normal write path; null when nothing applied.</summary>
    object? Simulate(IServiceProvider services, string eventType);
}
