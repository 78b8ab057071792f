using System.Threading.RateLimiting;
using AdminDashboard.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Api;

/// <summary><c>RateLimit</c> section: requests per window under /v1, per signed-in user and per client IP.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";
    public const int MaxWindowSeconds = 3600;

    public int PermitsPerUser { get; set; } = 300;
    public int PermitsPerIp { get; set; } = 600;
    public int WindowSeconds { get; set; } = 60;
}

public sealed class ValidateRateLimitOptions : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions o)
    {
        var errors = new List<string>();
        if (o.PermitsPerUser < 1)
            errors.Add($"{RateLimitOptions.SectionName}:{nameof(o.PermitsPerUser)} must be at least 1; got {o.PermitsPerUser}.");
        if (o.PermitsPerIp < 1)
            errors.Add($"{RateLimitOptions.SectionName}:{nameof(o.PermitsPerIp)} must be at least 1; got {o.PermitsPerIp}.");
        if (o.WindowSeconds is < 1 or > RateLimitOptions.MaxWindowSeconds)
            errors.Add($"{RateLimitOptions.SectionName}:{nameof(o.WindowSeconds)} must be between 1 and {RateLimitOptions.MaxWindowSeconds}; got {o.WindowSeconds}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public static class RateLimiting
{
    /// <summary>Fixed windows per user and per client IP on everything under /v1; 429 with Retry-After past either.</summary>
    public static IServiceCollection AddDashboardRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, ValidateRateLimitOptions>();
        services.AddRateLimiter(_ => { });
        // Built from the bound options when the limiter is first needed, not from configuration read at registration.
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, rate) => Configure(limiter, rate.Value));
        return services;
    }

    private static void Configure(RateLimiterOptions limiter, RateLimitOptions o)
    {
        var window = TimeSpan.FromSeconds(o.WindowSeconds);
        static bool IsApi(HttpContext c) => c.Request.Path.StartsWithSegments("/v1");
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(c => IsApi(c) && c.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetFixedWindowLimiter("user:" + UserIdentity.Key(c.User),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = o.PermitsPerUser, Window = window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("none")),
            PartitionedRateLimiter.Create<HttpContext, string>(c => IsApi(c)
                ? RateLimitPartition.GetFixedWindowLimiter("ip:" + c.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = o.PermitsPerIp, Window = window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("none")));
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"Slow down: try again in {Math.Ceiling(retryAfter.TotalSeconds)} s.").ExecuteAsync(context.HttpContext);
        };
    }
}
