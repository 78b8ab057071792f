using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace HospitalServices.Guard;

/// <summary>
/// Lets a request through only when it says it is internal and carries the gateway secret.
/// Both sides are hashed first so the comparison takes the same time whatever the input's length or content.
/// During a rotation a second (previous) secret is accepted too, so callers can switch without downtime;
/// both are always compared, so which one matched cannot be told from the timing either.
/// The secrets are never logged and never appear in an answer.
/// </summary>
public sealed class InternalRequestGuard
{
    /// <summary>
    /// The dashboard's development secret (its appsettings.Development.json): public, so a standalone service refuses it
    /// outside Development. A test holds it equal to the dashboard's own constant.
    /// </summary>
    public const string DevelopmentSecret = "dev-only-gateway-secret-change-me";

    private readonly byte[] _currentHash;
    private readonly byte[]? _previousHash;

    public InternalRequestGuard(string gatewaySecret, string? previousSecret = null)
    {
        if (string.IsNullOrWhiteSpace(gatewaySecret))
        {
            throw new ArgumentException("The gateway secret must not be empty.", nameof(gatewaySecret));
        }
        _currentHash = SHA256.HashData(Encoding.UTF8.GetBytes(gatewaySecret));
        _previousHash = string.IsNullOrWhiteSpace(previousSecret) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(previousSecret));
    }

    public bool IsAllowed(HttpRequest request) =>
        IsAllowed(request.Headers[InternalHeaders.InternalRequest].ToString(), request.Headers[InternalHeaders.GatewaySecret].ToString());

    public bool IsAllowed(string internalHeader, string presentedSecret)
    {
        var isInternal = string.Equals(internalHeader, "true", StringComparison.OrdinalIgnoreCase);
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presentedSecret));
        var current = CryptographicOperations.FixedTimeEquals(presentedHash, _currentHash);
        // Compared even when there is no previous secret (against the current one again), so the work is the same.
        var previous = CryptographicOperations.FixedTimeEquals(presentedHash, _previousHash ?? _currentHash) & _previousHash is not null;
        return isInternal & (current | previous);
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
