using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.MockServices;

/// <summary>Each hospital service exports its own /metrics: its requests per route, and the process's CPU, memory and GC.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed class ServiceMetricsTests(DashboardAppFactory app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ClearFaultsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<UpstreamService> Services => new(UpstreamServiceNames.All);

    private async Task<string> ScrapeAsync(Uri baseUrl)
    {
        // No guard headers: Prometheus scrapes without the gateway secret.
        using var client = new HttpClient { BaseAddress = baseUrl };
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static double RequestCount(string metrics, string route)
    {
        var pattern = new Regex($"^http_server_request_duration_seconds_count\\{{[^}}]*http_response_status_code=\"200\"[^}}]*http_route=\"{Regex.Escape(route)}\"[^}}]*\\}} (\\S+)$", RegexOptions.Multiline);
        var match = pattern.Match(metrics);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_services_metrics_count_its_own_requests_per_route_and_show_process_cpu_memory_and_gc(UpstreamService service)
    {
        // Every service and the dashboard serve requests in this process first, so a leak between them would show.
        await app.ClearStatsCacheAsync();
        await app.GetStatsAsync();
        var route = $"/v1/admin/{service.PathSegment()}/stats";
        var before = RequestCount(await ScrapeAsync(app.ServiceUrl(service)), route);

        using (var client = app.CreateServiceClient(service))
        {
            for (var i = 0; i < 3; i++) (await client.GetAsync(route)).EnsureSuccessStatusCode();
        }
        // ASP.NET Core records a request's duration just after the answer is sent: wait (bounded) until the third shows.
        var metrics = await ScrapeAsync(app.ServiceUrl(service));
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); RequestCount(metrics, route) < before + 3 && waited.Elapsed < TimeSpan.FromSeconds(5);)
        {
            await Task.Delay(20);
            metrics = await ScrapeAsync(app.ServiceUrl(service));
        }

        Assert.Equal(before + 3, RequestCount(metrics, route));
        Assert.Contains($"service_name=\"hospital-{service.PathSegment()}\"", metrics);
        foreach (var other in UpstreamServiceNames.All.Where(s => s != service))
            Assert.DoesNotContain($"http_route=\"/v1/admin/{other.PathSegment()}/", metrics);
        Assert.DoesNotContain("http_route=\"/v1/admin/dashboard/stats\"", metrics);
        Assert.Contains("http_server_request_duration_seconds_bucket{", metrics);
        Assert.Matches(new Regex("^process_cpu_time_seconds_total\\{", RegexOptions.Multiline), metrics);
        Assert.Matches(new Regex("^process_memory_usage_bytes\\{", RegexOptions.Multiline), metrics);
        Assert.Matches(new Regex("^dotnet_gc_collections_total\\{", RegexOptions.Multiline), metrics);
        Assert.Matches(new Regex("^dotnet_gc_heap_total_allocated_bytes_total\\{", RegexOptions.Multiline), metrics);
    }

    [Fact]
    public async Task The_dashboards_metrics_do_not_count_the_embedded_services_requests()
    {
        await app.ClearStatsCacheAsync();
        await app.GetStatsAsync();

        var metrics = await ScrapeAsync(app.ServerUrl);

        Assert.True(RequestCount(metrics, "/v1/admin/dashboard/stats") >= 1);
        Assert.DoesNotContain("http_route=\"/v1/admin/patients/stats\"", metrics);
    }

    [Fact]
    public async Task A_services_metrics_answer_get_only()
    {
        using var client = new HttpClient { BaseAddress = app.ServiceUrl(UpstreamService.Billing) };

        using var response = await client.PostAsync("/metrics", null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
