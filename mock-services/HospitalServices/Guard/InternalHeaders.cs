namespace HospitalServices.Guard;

/// <summary>Headers of the service-to-service guard. The one place that names them.</summary>
public static class InternalHeaders
{
    public const string InternalRequest = "X-Internal-Request";
    public const string GatewaySecret = "X-Gateway-Secret";
}
