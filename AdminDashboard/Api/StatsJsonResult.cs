using AdminDashboard.Core.Stats;

namespace AdminDashboard.Api;

/// <summary>
/// Writes a <see cref="StatsJson"/> as the response: the cached envelope's bytes with this request's
/// <c>responseTime</c> and <c>fromCache</c> spliced in, straight into the response's pipe.
/// </summary>
public sealed class StatsJsonResult(StatsJson answer) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = answer.Length;
        answer.WriteTo(response.BodyWriter);
        return response.BodyWriter.FlushAsync(httpContext.RequestAborted).AsTask();
    }
}
