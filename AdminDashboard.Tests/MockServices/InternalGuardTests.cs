using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Faults;
using HospitalServices.Hosting;
using HospitalServices.Contracts;

namespace AdminDashboard.Tests.MockServices;

[Collection(DashboardAppCollection.Name)]
public sealed class InternalGuardTests(DashboardAppFactory app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ClearFaultsAsync();

    public Task DisposeAsync() => app.ClearFaultsAsync();

    public static TheoryData<UpstreamService> Services => new(UpstreamServiceNames.All);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Stats_without_the_gateway_secret_are_401_with_no_data(UpstreamService service)
    {
        using var client = app.CreateServiceClient(service, secret: null);
        using var response = await client.GetAsync($"/v1/admin/{service.PathSegment()}/stats");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("asOf", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("total", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("wrong-secret", true)]
    [InlineData("integration-test-gateway-secreT", true)]
    [InlineData("integration-test-gateway-secret-and-more", true)]
    [InlineData(DashboardAppFactory.GatewaySecret, false)]
    public async Task Stats_need_both_the_internal_header_and_the_exact_secret(string secret, bool internalHeader)
    {
        using var client = app.CreateServiceClient(UpstreamService.Billing, secret, internalHeader);
        using var response = await client.GetAsync("/v1/admin/billing/stats");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Stats_with_the_right_secret_are_computed_from_the_data_and_move_when_it_changes()
    {
        using var client = app.CreateServiceClient(UpstreamService.Patients);
        var before = (await client.GetFromJsonAsync<JsonElement>("/v1/admin/patients/stats")).GetProperty("data");

        using var created = await app.ServiceAdmin(UpstreamService.Patients).SimulateAsync(HospitalEventTypes.PatientRegistered);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var after = (await client.GetFromJsonAsync<JsonElement>("/v1/admin/patients/stats")).GetProperty("data");

        Assert.Equal(before.GetProperty("totalPatients").GetInt32() + 1, after.GetProperty("totalPatients").GetInt32());
        Assert.Equal(before.GetProperty("newToday").GetInt32() + 1, after.GetProperty("newToday").GetInt32());
    }

    [Fact]
    public async Task A_refused_caller_gets_401_before_its_body_is_even_read()
    {
        using var client = app.CreateServiceClient(UpstreamService.Patients, secret: null);
        using var response = await client.PostAsync("/v1/patients", new StringContent("not json", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Fault_switch_is_guarded_too()
    {
        using var client = app.CreateServiceClient(UpstreamService.Billing, secret: "nope");
        using var response = await client.PutAsJsonAsync("/v1/internal/faults", new { mode = "error" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var stats = app.CreateServiceClient(UpstreamService.Billing);
        Assert.Equal(HttpStatusCode.OK, (await stats.GetAsync("/v1/admin/billing/stats")).StatusCode);
    }

    [Theory]
    [InlineData("""{"mode":"explode"}""", "mode")]
    [InlineData("""{"mode":"slow"}""", "delayMs")]
    [InlineData("""{"mode":"slow","delayMs":-5}""", "delayMs")]
    [InlineData("""{"mode":""", null)]
    public async Task Bad_fault_requests_are_400_problem_details_naming_the_field(string json, string? field)
    {
        using var client = app.CreateServiceClient(UpstreamService.Billing);
        using var response = await client.PutAsync("/v1/internal/faults", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        // Malformed JSON is refused by binding, before the per-field checks.
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Slow_fault_delays_the_answer_and_error_fault_fails_it()
    {
        using var client = app.CreateServiceClient(UpstreamService.Medicine);
        await app.SetFaultAsync(UpstreamService.Medicine, FaultMode.Slow, 300);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using (var slow = await client.GetAsync("/v1/admin/medicine/stats"))
        {
            Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
        }
        Assert.True(watch.ElapsedMilliseconds >= 290, $"answered after {watch.ElapsedMilliseconds} ms");

        await app.SetFaultAsync(UpstreamService.Medicine, FaultMode.Error);
        using var failed = await client.GetAsync("/v1/admin/medicine/stats");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
    }

    [Theory]
    [InlineData(UpstreamService.Patients, "/v1/patients", """{"fullName":"NAME","gender":"female"}""", "fullName")]
    [InlineData(UpstreamService.Doctors, "/v1/doctors", """{"fullName":"NAME","specialty":"Cardiology","department":"Cardiology"}""", "fullName")]
    [InlineData(UpstreamService.Billing, "/v1/billing/payments", """{"invoiceId":1,"method":"NAME"}""", "method")]
    public async Task A_write_with_an_over_long_field_is_400_naming_the_field(UpstreamService service, string path, string template, string field)
    {
        using var client = app.CreateServiceClient(service);
        var json = template.Replace("NAME", new string('x', HospitalServices.Contracts.WriteLimits.MaxFieldLength + 1));

        using var response = await client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
