using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Contracts;
using HospitalServices.Hosting;

namespace AdminDashboard.Tests.Architecture;

/// <summary>
/// The mock services depend one way too: Contracts and Seed ← each service's folder (store and module) ← Events ←
/// Hosting, which alone knows all five. A service's endpoints live in its own folder, found by its name.
/// </summary>
public sealed class OneWayMockServicesTests
{
    private const string Services = "HospitalServices";

    private static NamespaceGraph Graph() => NamespaceGraph.FromDirectory(Path.Combine(RepoPaths.Root, "mock-services", Services));

    [Fact]
    public void Mock_service_namespaces_have_no_circle()
    {
        var graph = Graph();

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0,
            $"{cycles.Count} circle(s) between the namespaces of {Services}:{Environment.NewLine}" + string.Join(Environment.NewLine, cycles.Select(graph.Describe)));
        // Guards the assertion above against passing because it read nothing.
        Assert.Contains(graph.Edges, e => e is { From: $"{Services}.Patients", To: $"{Services}.Contracts" });
        Assert.Contains(graph.Edges, e => e is { From: $"{Services}.Hosting", To: $"{Services}.Patients" });
    }

    [Fact]
    public void Contracts_depend_on_no_service()
    {
        var outgoing = Graph().Edges.Where(e => e.From == $"{Services}.Contracts").ToList();

        Assert.True(outgoing.Count == 0, "Contracts must depend on nothing, so every service can use them: " +
            string.Join(", ", outgoing.Select(e => $"{e.To} at {e.File}:{e.Line}")));
    }

    [Theory]
    [InlineData(HospitalService.Patients, "HospitalServices.Patients")]
    [InlineData(HospitalService.Doctors, "HospitalServices.Doctors")]
    [InlineData(HospitalService.Appointments, "HospitalServices.Appointments")]
    [InlineData(HospitalService.Billing, "HospitalServices.Billing")]
    [InlineData(HospitalService.Medicine, "HospitalServices.Medicine")]
    public void Each_service_is_one_module_in_its_own_folder(HospitalService service, string folderNamespace)
    {
        var module = ServiceModules.For(service);

        Assert.Equal(service, module.Service);
        Assert.Equal(folderNamespace, module.GetType().Namespace);
    }
}
