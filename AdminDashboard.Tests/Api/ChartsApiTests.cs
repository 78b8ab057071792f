using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Faults;

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
    [InlineData("/v1/admin/charts/revenue?days=abc", "days")]
    [InlineData("/v1/admin/charts/revenue?days=7.5", "days")]
    [InlineData("/v1/admin/charts/patient-growth?format=xml", "format")]
    [InlineData("/v1/admin/charts/top-doctors?limit=0", "limit")]
    [InlineData("/v1/admin/charts/medicine-stock?limit=many", "limit")]
    public async Task A_bad_query_value_is_400_problem_details_naming_the_field(string path, string field)
    {
        using var client = app.CreateApiClient(TestTokens.Admin());
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains(field, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task Every_bad_value_of_one_request_is_named_in_one_answer()
    {
        using var client = app.CreateApiClient(TestTokens.Admin());
        using var response = await client.GetAsync("/v1/admin/charts/top-doctors?days=abc&limit=0&format=xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["days", "format", "limit"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task Every_documented_query_parameter_of_every_admin_endpoint_refuses_an_unreadable_value_by_name()
    {
        using var client = app.CreateApiClient(TestTokens.Admin());
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var tried = new List<string>();

        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/v1/admin", StringComparison.Ordinal)))
        {
            // Query parameters are read by the GET operations; a path with none (a POST action) has nothing to try.
            if (!path.Value.TryGetProperty("get", out var get) || !get.TryGetProperty("parameters", out var parameters)) continue;
            foreach (var name in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!))
            {
                using var response = await client.GetAsync($"{path.Name}?{name}=not-a-value");
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path.Name}?{name}=not-a-value answered {(int)response.StatusCode}");
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(problem.GetProperty("errors").TryGetProperty(name, out _), $"{path.Name}: the 400 does not name {name}");
                tried.Add($"{path.Name}?{name}");
            }
        }

        // The charts' parameters are all documented: four with days, two with limit, five with format.
        Assert.Equal(4, tried.Count(t => t.EndsWith("?days", StringComparison.Ordinal)));
        Assert.Equal(2, tried.Count(t => t.EndsWith("?limit", StringComparison.Ordinal)));
        Assert.Equal(5, tried.Count(t => t.EndsWith("?format", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_document_describes_each_charts_json_and_csv_answers_and_its_errors()
    {
        using var client = app.CreateApiClient(null);
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var charts = document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/v1/admin/charts/", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, charts.Count);
        foreach (var chart in charts)
        {
            var responses = chart.Value.GetProperty("get").GetProperty("responses");
            var ok = responses.GetProperty("200").GetProperty("content");
            Assert.StartsWith("#/components/schemas/ApiEnvelopeOf", ok.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
            Assert.Equal("string", ok.GetProperty("text/csv").GetProperty("schema").GetProperty("type").GetString());
            Assert.Equal(["200", "400", "401", "403", "429", "503"], responses.EnumerateObject().Select(r => r.Name));
            Assert.Equal("#/components/schemas/HttpValidationProblemDetails",
                responses.GetProperty("400").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
            foreach (var status in new[] { "401", "403", "429", "503" })
                Assert.Equal("#/components/schemas/ProblemDetails",
                    responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        }
    }

    [Fact]
    public async Task A_chart_whose_service_fails_without_a_last_known_good_is_unavailable_and_its_csv_is_503()
    {
        await app.SetFaultAsync(UpstreamService.Medicine, FaultMode.Error);
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

    [Fact]
    public async Task System_health_recent_calls_carry_their_figures_and_nothing_else()
    {
        await app.GetStatsAsync();
        using var client = app.CreateApiClient(TestTokens.Admin());

        var health = await client.GetFromJsonAsync<JsonElement>("/v1/admin/system/health");

        // The state is classified from these figures; the classification is the service's `state`, not more fields here.
        Assert.All(health.GetProperty("services").EnumerateArray(), s => Assert.Equal(
            ["calls", "p50Ms", "p95Ms", "errorRate", "lastStatus", "lastCallAt", "lastError"],
            s.GetProperty("recentCalls").EnumerateObject().Select(p => p.Name)));
    }
}
