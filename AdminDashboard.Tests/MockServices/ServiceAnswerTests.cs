using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Faults;

namespace AdminDashboard.Tests.MockServices;

/// <summary>The services answer every admin read as <c>{ success, data }</c>, and their own failures as <c>{ success: false, error }</c>.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed class ServiceAnswerTests(DashboardAppFactory app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ClearFaultsAsync();

    public Task DisposeAsync() => app.ClearFaultsAsync();

    public static TheoryData<UpstreamService, string, string> AdminReads => new()
    {
        { UpstreamService.Patients, "/v1/admin/patients/stats", "totalPatients" },
        { UpstreamService.Doctors, "/v1/admin/doctors/stats", "activeDoctors" },
        { UpstreamService.Appointments, "/v1/admin/appointments/stats", "today" },
        { UpstreamService.Billing, "/v1/admin/billing/stats", "revenueToday" },
        { UpstreamService.Medicine, "/v1/admin/medicine/stats", "totalItems" },
        { UpstreamService.Patients, "/v1/admin/patients/growth?days=7", "daily" },
        { UpstreamService.Appointments, "/v1/admin/appointments/trends?days=7", "daily" },
        { UpstreamService.Appointments, "/v1/admin/appointments/top-doctors?days=7&limit=3", "doctors" },
        { UpstreamService.Billing, "/v1/admin/billing/revenue?days=7", "daily" },
        { UpstreamService.Medicine, "/v1/admin/medicine/stock?limit=5", "lowStock" },
    };

    [Theory]
    [MemberData(nameof(AdminReads))]
    public async Task Every_admin_read_answers_success_true_with_its_figures_under_data(UpstreamService service, string path, string field)
    {
        using var client = app.CreateServiceClient(service);
        var body = await client.GetFromJsonAsync<JsonElement>(path);

        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.True(body.GetProperty("data").TryGetProperty(field, out _), $"data.{field} is missing in {body}");
        Assert.False(body.TryGetProperty(field, out _), "the figures must not also sit at the top level");
    }

    [Fact]
    public async Task The_error_fault_answers_500_with_success_false_and_the_reason()
    {
        await app.SetFaultAsync(UpstreamService.Billing, FaultMode.Error);
        using var client = app.CreateServiceClient(UpstreamService.Billing);

        using var response = await client.GetAsync("/v1/admin/billing/stats");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Contains("fault mode 'error'", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/v1/admin/patients/growth?days=0", "days must be between 1 and 365.")]
    [InlineData("/v1/admin/medicine/stock?limit=9999", "limit must be between 1 and 500.")]
    public async Task A_bad_query_value_answers_400_with_success_false_naming_it_and_stays_problem_details(string path, string error)
    {
        var service = path.Contains("medicine") ? UpstreamService.Medicine : UpstreamService.Patients;
        using var client = app.CreateServiceClient(service);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.True(body.GetProperty("errors").TryGetProperty(error.Split(' ')[0], out _));
    }

    [Fact]
    public async Task A_value_that_does_not_bind_answers_400_with_success_false()
    {
        using var client = app.CreateServiceClient(UpstreamService.Patients);

        using var response = await client.GetAsync("/v1/admin/patients/growth?days=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task A_refused_caller_gets_401_with_success_false_and_no_data()
    {
        using var client = app.CreateServiceClient(UpstreamService.Doctors, secret: null);

        using var response = await client.GetAsync("/v1/admin/doctors/stats");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Writes_keep_answering_the_entity_itself()
    {
        using var client = app.CreateServiceClient(UpstreamService.Patients);

        using var response = await client.PostAsJsonAsync("/v1/patients", new { fullName = "Envelope Test" });

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("success", out _));
        Assert.Equal("Envelope Test", body.GetProperty("fullName").GetString());
    }
}
