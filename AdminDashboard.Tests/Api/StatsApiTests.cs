using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Faults;

namespace AdminDashboard.Tests.Api;

[Collection(DashboardAppCollection.Name)]
public sealed class StatsApiTests(DashboardAppFactory app) : IAsyncLifetime
{
    private const string StatsPath = "/v1/admin/dashboard/stats";

    public async Task InitializeAsync()
    {
        await app.ClearFaultsAsync();
        await app.EnsureWarmAsync();
        await app.ClearStatsCacheAsync();
    }

    public Task DisposeAsync() => app.ClearFaultsAsync();

    private async Task<JsonElement> GetStatsAsync()
    {
        using var client = app.CreateApiClient(TestTokens.Admin());
        using var response = await client.GetAsync(StatsPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Stats_envelope_has_the_seed_fields_computed_from_the_services_data()
    {
        var body = await GetStatsAsync();

        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.False(body.GetProperty("partial").GetBoolean());
        Assert.Equal(0, body.GetProperty("warnings").GetArrayLength());
        var data = body.GetProperty("data");
        foreach (var field in new[] { "totalPatients", "activeDoctors", "todayAppointments", "revenueToday", "patients", "doctors",
                     "appointments", "revenue", "medicine", "timestamp", "timeZone", "responseTime", "fromCache" })
            Assert.True(data.TryGetProperty(field, out _), $"data.{field} is missing");
        Assert.False(data.GetProperty("fromCache").GetBoolean());

        // The headline figures are the services' own, read through the same guard the dashboard uses.
        using var patients = app.CreateServiceClient(UpstreamService.Patients);
        var patientStats = (await patients.GetFromJsonAsync<JsonElement>("/v1/admin/patients/stats")).GetProperty("data");
        Assert.Equal(patientStats.GetProperty("totalPatients").GetInt32(), data.GetProperty("totalPatients").GetInt32());
        Assert.InRange(data.GetProperty("totalPatients").GetInt32(), 14_000, 16_000);
        Assert.InRange(data.GetProperty("activeDoctors").GetInt32(), 150, 200);
        // 100-150 outpatients and 20-36 Emergency visits a day; at the pinned 10:00 the morning's payments are in.
        Assert.InRange(data.GetProperty("todayAppointments").GetInt32(), 120, 186);
        Assert.True(data.GetProperty("revenueToday").GetInt64() > 0);

        var sources = body.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(["patients", "doctors", "appointments", "billing", "medicine"], sources.Select(s => s.GetProperty("service").GetString()));
        Assert.All(sources, s => Assert.Equal("ok", s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Second_call_is_served_from_the_cache()
    {
        var first = await GetStatsAsync();
        var second = await GetStatsAsync();

        Assert.False(first.GetProperty("data").GetProperty("fromCache").GetBoolean());
        Assert.True(second.GetProperty("data").GetProperty("fromCache").GetBoolean());
        Assert.Equal(first.GetProperty("data").GetProperty("timestamp").GetString(), second.GetProperty("data").GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task Stats_without_a_token_is_401_problem_details()
    {
        using var client = app.CreateApiClient(bearerToken: null);
        using var response = await client.GetAsync(StatsPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("totalPatients", body);
    }

    [Fact]
    public async Task Stats_with_a_token_signed_by_another_key_is_401()
    {
        var forged = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            Claims = new Dictionary<string, object> { ["role"] = "Admin" },
            SigningCredentials = new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[48]), "HS256"),
        });
        using var client = app.CreateApiClient(forged);
        using var response = await client.GetAsync(StatsPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Stats_with_a_token_without_the_admin_role_is_403()
    {
        using var client = app.CreateApiClient(TestTokens.Create("Nurse"));
        using var response = await client.GetAsync(StatsPath);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Injected_billing_fault_makes_the_next_response_partial_and_clearing_it_makes_it_whole()
    {
        await app.SetFaultAsync(UpstreamService.Billing, FaultMode.Error);
        await app.ClearLastKnownGoodAsync();

        var broken = await GetStatsAsync();

        Assert.True(broken.GetProperty("partial").GetBoolean());
        Assert.Equal(JsonValueKind.Null, broken.GetProperty("data").GetProperty("revenue").ValueKind);
        Assert.Equal(JsonValueKind.Null, broken.GetProperty("data").GetProperty("revenueToday").ValueKind);
        Assert.Contains(broken.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("Billing service temporarily unavailable"));
        var billing = broken.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("service").GetString() == "billing");
        Assert.Equal("error", billing.GetProperty("status").GetString());

        await app.ClearFaultsAsync();
        await app.ClearStatsCacheAsync();
        var whole = await GetStatsAsync();
        Assert.False(whole.GetProperty("partial").GetBoolean());
    }

    [Fact]
    public async Task Stats_answer_within_the_deadline_when_billing_hangs()
    {
        await app.SetFaultAsync(UpstreamService.Billing, FaultMode.Hang);
        await app.ClearLastKnownGoodAsync();
        using var client = app.CreateApiClient(TestTokens.Admin());

        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.GetAsync(StatsPath);
        started.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("partial").GetBoolean());
        var billing = body.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("service").GetString() == "billing");
        Assert.Equal("timeout", billing.GetProperty("status").GetString());
        // Never before the deadline; after it by no more than a loaded 2-core CI machine takes to run the deadline's timer.
        Assert.InRange(billing.GetProperty("latencyMs").GetInt64(), DashboardAppFactory.DeadlineMs - 10, DashboardAppFactory.DeadlineMs + 1000);
        // The response is bounded by the deadline, with a margin for a loaded 2-core CI machine.
        Assert.InRange(started.ElapsedMilliseconds, 0, DashboardAppFactory.DeadlineMs + 1500);
    }

    [Fact]
    public async Task A_failing_service_is_shown_with_its_last_known_good_figures_marked_stale()
    {
        var whole = await GetStatsAsync();
        await app.SetFaultAsync(UpstreamService.Billing, FaultMode.Hang);
        await app.ClearStatsCacheAsync();

        var body = await GetStatsAsync();

        Assert.True(body.GetProperty("partial").GetBoolean());
        Assert.Equal(whole.GetProperty("data").GetProperty("revenueToday").GetInt64(), body.GetProperty("data").GetProperty("revenueToday").GetInt64());
        var billing = body.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("service").GetString() == "billing");
        Assert.Equal("stale", billing.GetProperty("status").GetString());
        Assert.Equal($"no answer within {DashboardAppFactory.DeadlineMs} ms", billing.GetProperty("error").GetString());
        Assert.Matches(@"^Billing figures are \d+ (s|min) old: service unavailable$", Assert.Single(body.GetProperty("warnings").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_partial_aggregate_is_cached_only_briefly()
    {
        await app.SetFaultAsync(UpstreamService.Billing, FaultMode.Error);
        await app.ClearLastKnownGoodAsync();
        var partial = await GetStatsAsync();
        var cachedPartial = await GetStatsAsync();
        await app.ClearFaultsAsync();
        Assert.True(partial.GetProperty("partial").GetBoolean());
        Assert.True(cachedPartial.GetProperty("data").GetProperty("fromCache").GetBoolean());

        // PartialStatsTtlSeconds is 3 by default: the recovered service shows up within seconds, not after 30.
        await Task.Delay(TimeSpan.FromSeconds(3.2));
        var after = await GetStatsAsync();

        Assert.False(after.GetProperty("partial").GetBoolean());
        Assert.False(after.GetProperty("data").GetProperty("fromCache").GetBoolean());
    }
}
