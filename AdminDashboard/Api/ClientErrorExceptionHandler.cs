using Microsoft.AspNetCore.Diagnostics;

namespace AdminDashboard.Api;

/// <summary>
/// A request the framework could not read (a form it cannot bind, a value a parameter cannot parse) is the caller's
/// mistake, not a server failure: it is answered with its 4xx as problem details carrying the framework's reason
/// (which names the parameter), and logged at Information without a stack trace, so Error stays for the server's own
/// failures. Since .NET 10 the exception handler middleware records no Error diagnostics for an exception that an
/// <see cref="IExceptionHandler"/> handled; everything else (5xx) still reaches it and is logged at Error.
/// </summary>
public sealed partial class ClientErrorExceptionHandler(IProblemDetailsService problemDetails, ILogger<ClientErrorExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>Event id of the Information entry each client error writes.</summary>
    public const int ClientErrorEventId = 4000;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || bad.StatusCode >= StatusCodes.Status500InternalServerError) return false;

        LogClientError(logger, bad.StatusCode, httpContext.Request.Method, httpContext.Request.Path, bad.Message);
        httpContext.Response.StatusCode = bad.StatusCode;
        // A client that accepts no JSON gets the status alone; the request is handled either way.
        await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = bad.StatusCode, Detail = bad.Message },
        });
        return true;
    }

    [LoggerMessage(EventId = ClientErrorEventId, EventName = "ClientError", Level = LogLevel.Information,
        Message = "Client error {StatusCode} on {Method} {Path}: {Reason}")]
    private static partial void LogClientError(ILogger logger, int statusCode, string method, string path, string reason);
}
