namespace HospitalServices.Internal;

/// <summary>
/// The routes of a service's own switches (fault injection, request counter, simulated changes), behind the guard.
/// The one place that names them, for the services that map them and for <see cref="HospitalServiceAdminClient"/>.
/// </summary>
public static class InternalRoutes
{
    public const string Faults = "/v1/internal/faults";
    public const string Requests = "/v1/internal/requests";
    public const string SimulatePattern = "/v1/internal/simulate/{eventType}";

    public static string Simulate(string eventType) => $"/v1/internal/simulate/{Uri.EscapeDataString(eventType)}";
}

/// <summary>Wire shape of GET /v1/internal/requests: how many admin (stats and chart) requests the service has answered.</summary>
public sealed record RequestCounts(long AdminRequests);
