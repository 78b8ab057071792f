using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace HospitalServices.Guard;

/// <summary>
/// Lets a request through only when it says it is internal and carries the gateway secret.
/// Both sides are hashed first so the comparison takes the same time whatever the input's length or content.
/// </summary>
public sealed class InternalRequestGuard
{
    private readonly byte[] _secretHash;

    public InternalRequestGuard(string gatewaySecret)
    {
        if (string.IsNullOrWhiteSpace(gatewaySecret))
        {
            throw new ArgumentException("The gateway secret must not be empty.", nameof(gatewaySecret));
        }
        _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(gatewaySecret));
    }

    public bool IsAllowed(HttpRequest request)
    {
        var isInternal = string.Equals(request.Headers[InternalHeaders.InternalRequest], "true", StringComparison.OrdinalIgnoreCase);
        var presented = request.Headers[InternalHeaders.GatewaySecret].ToString();
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var secretMatches = CryptographicOperations.FixedTimeEquals(presentedHash, _secretHash);
        return isInternal & secretMatches;
    }
}

/// <summary>
/// Middleware form of the guard for everything under /v1: runs before routing and body binding, so a refused
/// caller gets 401 problem details and nothing else, whatever it sent.
/// </summary>
public sealed class InternalRequestMiddleware(RequestDelegate next, InternalRequestGuard guard)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1") || guard.IsAllowed(context.Request))
            return next(context);
        return Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: $"Internal endpoint: send {InternalHeaders.InternalRequest}: true and a valid {InternalHeaders.GatewaySecret}.")
            .ExecuteAsync(context);
    }
}
