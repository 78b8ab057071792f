using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Api;

[Collection(DashboardAppCollection.Name)]
public sealed class ChartsApiTests(DashboardAppFactory app) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await app.ClearFaultsAsync();
        await app.EnsureWarmAsync();
    }

    public Task DisposeAsync() => app.ClearFaultsAsync();

    [Theory]
    [InlineData("/v1/admin/charts/patient-growth?days=7", "daily", 7)]
    [InlineData("/v1/admin/charts/appointment-trends?days=30", "daily", 30)]
    [InlineData("/v1/admin/charts/revenue?days=90", "daily", 90)]
    [InlineData("/v1/admin/charts/top-doctors?days=30&limit=5", "doctors", 5)]
    [InlineData("/v1/admin/charts/medicine-stock?limit=10", "lowStock", 10)]
    public async Task Each_chart_answers_with_its_data_in_the_envelope(string path, string list, int count)
    {
        using var client = app.CreateApiClient(TestTokens.Admin());
        var body = await client.GetFromJsonAsync<JsonElement>(path);

        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.False(body.GetProperty("partial").GetBoolean());
        Assert.Equal(count, body.GetProperty("data").GetProperty(list).GetArrayLength());
        Assert.Equal("ok", body.GetProperty("sources")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Appointment_trends_today_match_the_stats_count_of_today()
    {
        using var client = app.CreateApiClient(TestTokens.Admin());
        var trends = await client.GetFromJsonAsync<JsonElement>("/v1/admin/charts/appointment-trends?days=7");
        var stats = await app.GetStatsAsync();

        var today = trends.GetProperty("data").GetProperty("daily").EnumerateArray().Last().GetProperty("counts").GetProperty("total").GetInt32();
        Assert.Equal(stats.GetProperty("data").GetProperty("todayAppointments").GetInt32(), today);
    }

    [Fact]
    public async Task A_chart_downloads_as_csv_with_one_row_per_day()
    {
        using var client = app.CreateApiClient(TestTokens.Admin());
        using var response = await client.GetAsync("/v1/admin/charts/revenue?days=7&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Trim().Split('\n');
        Assert.Equal("date,amount_vnd,payments", lines[0].Trim());
        Assert.Equal(8, lines.Length);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2},\d+,\d+$", lines[^1].Trim());
    }

    [Theory]
    [InlineData("/v1/admin/charts/patient-growth?days=0", "days")]
    [InlineData("/v1/admin/charts/patient-growth?days=400", "days")]
    [InlineData("/v1/admin/charts/patient-growth?format=xml", "format")]
    [InlineData("/v1/admin/charts/top-doctors?limit=0", "limit")]
    [InlineData("/v1/admin/charts/revenue?days=abc", null)]
    public async Task A_bad_range_is_400_problem_details_naming_the_field(string path, string? field)
    {
        using var client = app.CreateApiClient(TestTokens.Admin());
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        // A value that does not even parse is refused by binding, before our own per-field checks.
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_chart_whose_service_fails_without_a_last_known_good_is_unavailable_and_its_csv_is_503()
    {
        await app.SetFaultAsync(UpstreamService.Medicine, "error");
        await app.ClearLastKnownGoodAsync();
        using var client = app.CreateApiClient(TestTokens.Admin());

        var body = await client.GetFromJsonAsync<JsonElement>("/v1/admin/charts/medicine-stock?limit=3");
        using var csv = await client.GetAsync("/v1/admin/charts/medicine-stock?limit=3&format=csv");

        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
        Assert.StartsWith("Pharmacy service temporarily unavailable", body.GetProperty("warnings")[0].GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, csv.StatusCode);
    }

    [Fact]
    public async Task Charts_need_the_admin_role()
    {
        using var nurse = app.CreateApiClient(TestTokens.Create("Nurse"));
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync("/v1/admin/charts/revenue")).StatusCode);
    }

    [Fact]
    public async Task System_health_lists_every_service_with_its_state_and_the_cache_and_event_stream()
    {
        await app.GetStatsAsync();
        using var client = app.CreateApiClient(TestTokens.Admin());
        var health = await client.GetFromJsonAsync<JsonElement>("/v1/admin/system/health");

        var services = health.GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(["patients", "doctors", "appointments", "billing", "medicine"], services.Select(s => s.GetProperty("service").GetString()));
        // Earlier tests in this collection inject faults, so recent error rates may still mark a service degraded; none is down.
        Assert.All(services, s => Assert.Contains(s.GetProperty("state").GetString(), new[] { "up", "degraded" }));
        Assert.All(services, s => Assert.True(s.GetProperty("probe").GetProperty("reachable").GetBoolean()));
        Assert.Equal("Memory", health.GetProperty("cache").GetProperty("provider").GetString());
        Assert.True(health.GetProperty("events").GetProperty("live").GetBoolean());
    }
}
