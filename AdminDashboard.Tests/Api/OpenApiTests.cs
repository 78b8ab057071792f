using System.Net.Http.Json;
using System.Text.Json;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Api;

[Collection(DashboardAppCollection.Name)]
public sealed class OpenApiTests(DashboardAppFactory app)
{
    [Fact]
    public async Task The_document_lists_every_admin_endpoint_with_its_bearer_requirement_and_the_stats_examples()
    {
        using var client = app.CreateApiClient(null);
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/v1/admin", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Route: e.RoutePattern.RawText!, Method: m)))
            .Distinct().ToList();

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Contains(("/v1/admin/alerts/{id}/ack", "POST"), routes);
        foreach (var (route, method) in routes)
        {
            Assert.True(paths.TryGetProperty(route, out var path), $"{route} is missing from the OpenAPI document");
            Assert.True(path.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {route} is missing from the OpenAPI document");
            Assert.True(operation.GetProperty("security")[0].TryGetProperty("Bearer", out _), $"{route} has no bearer requirement");
            Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _), $"{route} does not document 403");
        }
        var examples = paths.GetProperty("/v1/admin/dashboard/stats").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("examples");
        Assert.False(examples.GetProperty("full").GetProperty("value").GetProperty("partial").GetBoolean());
        var partial = examples.GetProperty("partial").GetProperty("value");
        Assert.True(partial.GetProperty("partial").GetBoolean());
        Assert.Contains(partial.GetProperty("sources").EnumerateArray(), s => s.GetProperty("status").GetString() == "stale");
    }
}
