using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Faults;
using HospitalServices.Hosting;
using HospitalServices.Contracts;

namespace AdminDashboard.Tests.MockServices;

/// <summary>The one client the simulator, the tests and the bench drive the services' switches with, against a real service.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed class HospitalServiceAdminClientTests(DashboardAppFactory app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ClearFaultsAsync();

    public Task DisposeAsync() => app.ClearFaultsAsync();

    [Fact]
    public async Task A_fault_set_through_the_client_is_the_one_the_service_reports_and_clearing_it_restores_none()
    {
        var billing = app.ServiceAdmin(UpstreamService.Billing);
        using var raw = app.CreateServiceClient(UpstreamService.Billing);

        await billing.SetFaultAsync(FaultMode.Slow, delayMs: 40);
        var set = await raw.GetFromJsonAsync<JsonElement>("/v1/internal/faults");
        await billing.ClearFaultAsync();
        var cleared = await raw.GetFromJsonAsync<JsonElement>("/v1/internal/faults");

        Assert.Equal("slow", set.GetProperty("mode").GetString());
        Assert.Equal(40, set.GetProperty("delayMs").GetInt32());
        Assert.Equal("none", cleared.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task A_fault_the_service_refuses_throws_instead_of_passing_silently()
    {
        // slow without a delay is a 400 from the service.
        await Assert.ThrowsAsync<HttpRequestException>(() => app.ServiceAdmin(UpstreamService.Billing).SetFaultAsync(FaultMode.Slow));
    }

    [Fact]
    public async Task The_request_counter_moves_by_one_for_each_admin_request()
    {
        var doctors = app.ServiceAdmin(UpstreamService.Doctors);
        using var raw = app.CreateServiceClient(UpstreamService.Doctors);
        var before = await doctors.AdminRequestsAsync();

        (await raw.GetAsync("/v1/admin/doctors/stats")).EnsureSuccessStatusCode();

        Assert.Equal(before + 1, await doctors.AdminRequestsAsync());
    }

    [Fact]
    public async Task Simulating_a_change_announces_it_and_a_type_the_service_does_not_own_is_404()
    {
        var billing = app.ServiceAdmin(UpstreamService.Billing);

        using var owned = await billing.SimulateAsync(HospitalEventTypes.PaymentCompleted);
        using var foreign = await billing.SimulateAsync(HospitalEventTypes.PatientRegistered);

        Assert.Equal(HttpStatusCode.OK, owned.StatusCode);
        Assert.Equal(HospitalEventTypes.PaymentCompleted, (await owned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventType").GetString());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
