namespace AdminDashboard.Core.Upstream;

/// <summary>Headers of the service-to-service guard that every upstream call carries. The one place that names them.</summary>
public static class InternalRequestHeaders
{
    public const string InternalRequest = "X-Internal-Request";
    public const string GatewaySecret = "X-Gateway-Secret";
}
