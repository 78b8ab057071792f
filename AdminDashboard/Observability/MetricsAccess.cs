using System.Security.Cryptography;
using System.Text;
using AdminDashboard.Auth;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Observability;

/// <summary><c>Metrics</c> section: who may scrape <c>/metrics</c> outside Development.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";
    public const int MinimumTokenLength = 16;

    /// <summary>
    /// The scraper's credential: Prometheus sends it as <c>Authorization: Bearer …</c> (its <c>authorization.credentials</c>).
    /// Without it, outside Development, only an Admin can read <c>/metrics</c>.
    /// </summary>
    public string? ScrapeToken { get; set; }
}

public sealed class ValidateMetricsOptions : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        options.ScrapeToken is { } token && token.Length < MetricsOptions.MinimumTokenLength
            ? ValidateOptionsResult.Fail($"{MetricsOptions.SectionName}:{nameof(MetricsOptions.ScrapeToken)} must be at least {MetricsOptions.MinimumTokenLength} characters; got {token.Length}.")
            : ValidateOptionsResult.Success;
}

/// <summary>
/// /metrics names routes, services and their states: enough to map the hospital's system for an attacker. In
/// Development it is open (the benchmarks scrape it); elsewhere a scraper presents <see cref="MetricsOptions.ScrapeToken"/>
/// or the caller is an Admin.
/// </summary>
public static class MetricsAccess
{
    public const string Policy = "MetricsScraper";

    /// <summary>The scrape target's path.</summary>
    public const string Path = "/metrics";

    public static IServiceCollection AddMetricsAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, ValidateMetricsOptions>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAssertion(context =>
            context.User.IsInRole(AuthPolicies.AdminRole)
            || (context.Resource is HttpContext http
                && PresentsScrapeToken(http, http.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.ScrapeToken))));
        return services;
    }

    /// <summary>Both sides hashed, then compared in constant time: the answer's timing says nothing about the token.</summary>
    public static bool PresentsScrapeToken(HttpContext http, string? expected)
    {
        const string prefix = "Bearer ";
        var header = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(expected) || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim())), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
