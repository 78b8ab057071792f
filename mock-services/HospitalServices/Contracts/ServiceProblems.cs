using Microsoft.AspNetCore.Http;

namespace HospitalServices.Contracts;

/// <summary>The services' answers to a bad request: problem details naming the field, as the dashboard's API does.</summary>
public static class ServiceProblems
{
    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A chart read over <c>days</c> (1-365, default 30).</summary>
    public static IResult Ranged<T>(int? days, Func<int, T> report) =>
        days is < 1 or > 365 ? Invalid("days", "days must be between 1 and 365.") : ServiceAnswer.Ok(report(days ?? 30));

    public static IResult OutOfRange(string field, int min, int max) => Invalid(field, $"{field} must be between {min} and {max}.");

    /// <summary>A 400 naming the field when a write's text is longer than <see cref="WriteLimits.MaxFieldLength"/>; null when it fits.</summary>
    public static IResult? TooLong(string field, string? value) =>
        value is { Length: > WriteLimits.MaxFieldLength } ? Invalid(field, $"{field} must be at most {WriteLimits.MaxFieldLength} characters.") : null;
}

/// <summary>What the services' writes accept.</summary>
public static class WriteLimits
{
    /// <summary>
    /// Longest text a write keeps. What is stored is announced on the bus and shown on every open dashboard; a
    /// megabyte name would be carried to all of them.
    /// </summary>
    public const int MaxFieldLength = 200;
}
