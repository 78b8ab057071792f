using System.Net;
using System.Text.Json;
using AdminDashboard.Core.Stats;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Tests.Api;

/// <summary>The stats hit is written from the cached bytes: for a client it is the same envelope a miss answers.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed class StatsHitContractTests(DashboardAppFactory app) : IAsyncLifetime
{
    private const string StatsPath = "/v1/admin/dashboard/stats";

    public async Task InitializeAsync()
    {
        await app.ClearFaultsAsync();
        await app.EnsureWarmAsync();
        await app.ClearStatsCacheAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(JsonElement Body, HttpResponseMessage Response)> GetAsync()
    {
        using var client = app.CreateApiClient(TestTokens.Admin());
        var response = await client.GetAsync(StatsPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        return (JsonDocument.Parse(bytes).RootElement.Clone(), response);
    }

    [Fact]
    public async Task A_hits_body_matches_the_misses_field_by_field_in_the_same_order_but_for_response_time_and_from_cache()
    {
        var (miss, missResponse) = await GetAsync();
        var (hit, hitResponse) = await GetAsync();

        Assert.False(miss.GetProperty("data").GetProperty("fromCache").GetBoolean());
        Assert.True(hit.GetProperty("data").GetProperty("fromCache").GetBoolean());
        Assert.Equal(missResponse.Content.Headers.ContentType?.ToString(), hitResponse.Content.Headers.ContentType?.ToString());
        AssertSameFields(miss, hit, "$");
    }

    [Fact]
    public async Task A_hit_has_the_fields_and_order_the_framework_would_serialize_the_envelope_with()
    {
        await GetAsync();
        var (hit, _) = await GetAsync();

        // What the endpoint answered before it wrote bytes: the envelope object through the API's own JSON options.
        var envelope = await app.Services.GetRequiredService<DashboardStatsService>().GetStatsAsync(CancellationToken.None);
        var options = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var serialized = JsonSerializer.SerializeToElement(envelope, options);
        AssertSameFields(serialized, hit, "$");
    }

    /// <summary>Same property names in the same order and the same values, recursively; <c>data.responseTime</c> and <c>data.fromCache</c> only by kind.</summary>
    private static void AssertSameFields(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind || (path == "$.data.fromCache" && actual.ValueKind is JsonValueKind.True or JsonValueKind.False),
            $"{path}: {expected.ValueKind} vs {actual.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var e = expected.EnumerateObject().ToList();
                var a = actual.EnumerateObject().ToList();
                Assert.Equal(e.Select(p => p.Name), a.Select(p => p.Name));
                for (var i = 0; i < e.Count; i++) AssertSameFields(e[i].Value, a[i].Value, $"{path}.{e[i].Name}");
                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                foreach (var (x, y, i) in expected.EnumerateArray().Zip(actual.EnumerateArray()).Select((p, i) => (p.First, p.Second, i)))
                    AssertSameFields(x, y, $"{path}[{i}]");
                break;
            default:
                if (path is "$.data.responseTime" or "$.data.fromCache") break;
                Assert.True(expected.GetRawText() == actual.GetRawText(), $"{path}: {expected.GetRawText()} vs {actual.GetRawText()}");
                break;
        }
    }
}
