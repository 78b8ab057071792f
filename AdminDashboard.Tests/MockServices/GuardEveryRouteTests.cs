using System.Net;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Contracts;
using HospitalServices.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace AdminDashboard.Tests.MockServices;

/// <summary>
/// Every route a service maps under /v1, read from the service's own endpoint table (switches on, as in Development),
/// refuses a caller without the internal header, without the secret, or with a wrong one: none is left unguarded.
/// </summary>
[Collection(DashboardAppCollection.Name)]
public sealed class GuardEveryRouteTests(DashboardAppFactory app)
{
    public static TheoryData<UpstreamService> Services => new(UpstreamServiceNames.All);

    private static async Task<List<(string Method, string Path)>> RoutesAsync(UpstreamService service)
    {
        var hospitalService = Enum.Parse<HospitalService>(service.ToString());
        await using var built = HospitalServiceApp.Build(hospitalService, new Uri("http://127.0.0.1:1"), "route-listing-secret-0123456789",
            switches: InternalSwitches.All);
        var eventType = HospitalEventTypes.OwnedBy(hospitalService).First();
        return [.. ((IEndpointRouteBuilder)built).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/v1", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, e.RoutePattern.RawText!.Replace("{eventType}", eventType, StringComparison.Ordinal))))];
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_internal_route_refuses_a_caller_without_the_header_or_the_right_secret(UpstreamService service)
    {
        var routes = await RoutesAsync(service);
        Assert.Contains(routes, r => r.Path == HospitalServices.Internal.InternalRoutes.Faults);
        Assert.Contains(routes, r => r.Path.StartsWith("/v1/internal/simulate/", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Method == "POST" && !r.Path.StartsWith("/v1/internal", StringComparison.Ordinal));
        using var noSecret = app.CreateServiceClient(service, secret: null);
        using var wrongSecret = app.CreateServiceClient(service, secret: "not-the-gateway-secret-at-all");
        using var noHeader = app.CreateServiceClient(service, internalHeader: false);

        foreach (var (method, path) in routes)
        {
            foreach (var (caller, client) in new[] { ("no secret", noSecret), ("wrong secret", wrongSecret), ("no internal header", noHeader) })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with {caller}: {(int)response.StatusCode}");
            }
        }
    }
}
