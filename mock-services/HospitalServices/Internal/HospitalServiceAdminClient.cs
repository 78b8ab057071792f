using System.Net.Http.Headers;
using System.Net.Http.Json;
using HospitalServices.Faults;
using HospitalServices.Guard;

namespace HospitalServices.Internal;

/// <summary>
/// Drives one hospital service's internal switches over HTTP, with the guard's headers: its fault mode, its
/// request counter and its simulated changes. Used by the simulator, the tests and the bench, so each does not
/// carry its own copy of the routes, headers and wire shapes. The <see cref="HttpClient"/> may be shared by
/// several services' clients: the headers go on each request, not on the client.
/// </summary>
public sealed class HospitalServiceAdminClient(HttpClient http, Uri baseUrl, string gatewaySecret)
{
    public Uri BaseUrl => baseUrl;

    /// <summary>The guard's headers: the internal marker (unless told not to) and the secret (unless null).</summary>
    public static void AddGuardHeaders(HttpHeaders headers, string? gatewaySecret, bool internalHeader = true)
    {
        if (internalHeader) headers.Add(InternalHeaders.InternalRequest, "true");
        if (gatewaySecret is not null) headers.Add(InternalHeaders.GatewaySecret, gatewaySecret);
    }

    /// <summary>PUT /v1/internal/faults: none, error, hang, or slow with a delay. Throws when the service refuses.</summary>
    public async Task SetFaultAsync(FaultMode mode, int delayMs = 0, CancellationToken cancellationToken = default)
    {
        using var request = Guarded(HttpMethod.Put, InternalRoutes.Faults);
        request.Content = JsonContent.Create(FaultRequest.For(mode, delayMs));
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public Task ClearFaultAsync(CancellationToken cancellationToken = default) => SetFaultAsync(FaultMode.None, 0, cancellationToken);

    /// <summary>How many admin (stats and chart) requests the service has answered since it started.</summary>
    public async Task<long> AdminRequestsAsync(CancellationToken cancellationToken = default)
    {
        using var request = Guarded(HttpMethod.Get, InternalRoutes.Requests);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var counts = await response.Content.ReadFromJsonAsync<RequestCounts>(cancellationToken);
        return counts!.AdminRequests;
    }

    /// <summary>
    /// POST /v1/internal/simulate/{eventType}: one realistic change. The caller reads (and disposes) the answer:
    /// 200 with the entity, 409 when nothing was in a state the event applies to, 404 for a type the service does not own.
    /// </summary>
    public async Task<HttpResponseMessage> SimulateAsync(string eventType, CancellationToken cancellationToken = default)
    {
        using var request = Guarded(HttpMethod.Post, InternalRoutes.Simulate(eventType));
        return await http.SendAsync(request, cancellationToken);
    }

    private HttpRequestMessage Guarded(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        AddGuardHeaders(request.Headers, gatewaySecret);
        return request;
    }
}
