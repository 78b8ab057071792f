using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Operations;

/// <summary>What the README says /health answers, to whom, and nothing more.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed class HealthEndpointTests(DashboardAppFactory app)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Health_answers_anyone_with_the_overall_status_only(string path)
    {
        using var client = app.CreateApiClient(null);
        using var nurse = app.CreateApiClient(TestTokens.Create("Nurse"));

        foreach (var caller in new[] { client, nurse })
        {
            using var response = await caller.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(["status"], body.EnumerateObject().Select(p => p.Name));
            Assert.Contains(body.GetProperty("status").GetString(), new[] { "Healthy", "Degraded" });
        }
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Health_tells_an_admin_each_checks_status_and_description_only(string path)
    {
        using var client = app.CreateApiClient(TestTokens.Admin());
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["checks", "status"], body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains(body.GetProperty("status").GetString(), new[] { "Healthy", "Degraded" });
        var checks = body.GetProperty("checks").EnumerateObject().ToList();
        Assert.Equal(["cache", "events", "upstream"], checks.Select(c => c.Name).Order());
        Assert.All(checks, c =>
        {
            Assert.Equal(["description", "status"], c.Value.EnumerateObject().Select(p => p.Name).Order());
            Assert.False(string.IsNullOrWhiteSpace(c.Value.GetProperty("description").GetString()));
        });
    }
}
