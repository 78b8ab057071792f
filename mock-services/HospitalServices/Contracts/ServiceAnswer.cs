using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace HospitalServices.Contracts;

/// <summary>
/// The answer of every admin read: <c>{ "success": true, "data": { ... } }</c>, the shape gateways written for these
/// services expect. Failures answer <c>{ "success": false, "error": "..." }</c> (see <see cref="ServiceAnswer.AddFailureFields"/>).
/// </summary>
public sealed record ServiceAnswer<T>([property: JsonPropertyOrder(1)] T Data)
{
    [JsonPropertyOrder(0)]
    public bool Success => true;
}

public static class ServiceAnswer
{
    public static IResult Ok<T>(T data) => Results.Ok(new ServiceAnswer<T>(data));

    /// <summary>Marks the endpoints whose failures must also carry <c>success: false</c> and <c>error</c>.</summary>
    public sealed class Metadata
    {
        public static readonly Metadata Instance = new();
    }

    /// <summary>
    /// Every problem an admin read produces (the fault switch, a refused caller, a bad query value, a value that does not
    /// bind) stays RFC 9457 problem details and gains the two fields a caller of the <c>success</c>/<c>error</c> shape reads.
    /// Done here, where all problem details pass, so no failure path can forget it.
    /// </summary>
    public static void AddFailureFields(Microsoft.AspNetCore.Http.ProblemDetailsContext context)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Metadata>() is null) return;
        var problem = context.ProblemDetails;
        var message = problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation
            ? string.Join(" ", validation.Errors.SelectMany(e => e.Value))
            : problem.Detail ?? problem.Title ?? $"HTTP {problem.Status}";
        problem.Extensions["success"] = false;
        problem.Extensions["error"] = message;
    }
}
