using System.Threading.RateLimiting;
using AdminDashboard.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Api;

/// <summary>
/// <c>RateLimit</c> section: requests per window under /v1 per signed-in user; anonymous calls share a small bucket
/// per client IP of their own, so a flood of them never uses up what a signed-in tool behind the same address
/// (a proxy, a NAT) may spend. And open SSE streams per user.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";
    public const int MaxWindowSeconds = 3600;

    public int PermitsPerUser { get; set; } = 300;

    /// <summary>Anonymous calls per client IP per window: enough for a probe or a mistaken tool, not for guessing.</summary>
    public int PermitsPerIp { get; set; } = 60;

    public int WindowSeconds { get; set; } = 60;

    /// <summary>Open <c>/v1/admin/events</c> streams per user; each holds a connection and a queue.</summary>
    public int StreamsPerUser { get; set; } = 5;
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
        if (o.StreamsPerUser < 1)
            errors.Add($"{RateLimitOptions.SectionName}:{nameof(o.StreamsPerUser)} must be at least 1; got {o.StreamsPerUser}.");
        if (o.WindowSeconds is < 1 or > RateLimitOptions.MaxWindowSeconds)
            errors.Add($"{RateLimitOptions.SectionName}:{nameof(o.WindowSeconds)} must be between 1 and {RateLimitOptions.MaxWindowSeconds}; got {o.WindowSeconds}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public static class RateLimiting
{
    /// <summary>Whose bucket a call is counted in: a signed-in user's, an anonymous client IP's, or none (not the API).</summary>
    private enum Caller { None, User, AnonymousIp }

    /// <summary>Fixed windows under /v1, per user when signed in, else per client IP; 429 with Retry-After past either.</summary>
    public static IServiceCollection AddDashboardRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, ValidateRateLimitOptions>();
        services.AddRateLimiter(_ => { });
        services.AddSingleton<StreamSlots>();
        // Built from the bound options when the limiter is first needed, not from configuration read at registration.
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, rate) => Configure(limiter, rate.Value));
        return services;
    }

    private static void Configure(RateLimiterOptions limiter, RateLimitOptions o)
    {
        var window = TimeSpan.FromSeconds(o.WindowSeconds);
        static bool IsApi(HttpContext c) => c.Request.Path.StartsWithSegments("/v1");
        // One bucket per caller: a signed-in user's own, or, for anonymous calls only, their IP's. The key is a pair, not
        // a concatenated string, so finding a caller's bucket allocates nothing (the user's key is found once per principal).
        var perUser = new FixedWindowRateLimiterOptions { PermitLimit = o.PermitsPerUser, Window = window, QueueLimit = 0 };
        var perIp = new FixedWindowRateLimiterOptions { PermitLimit = o.PermitsPerIp, Window = window, QueueLimit = 0 };
        Func<(Caller, string), FixedWindowRateLimiterOptions> userBucket = _ => perUser, ipBucket = _ => perIp;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, (Caller Kind, string Id)>(c =>
            !IsApi(c) ? RateLimitPartition.GetNoLimiter((Caller.None, ""))
            : c.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetFixedWindowLimiter((Caller.User, UserIdentity.Key(c.User)), userBucket)
                : RateLimitPartition.GetFixedWindowLimiter((Caller.AnonymousIp, c.Connection.RemoteIpAddress?.ToString() ?? ""), ipBucket));
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

/// <summary>
/// How many SSE streams each user has open, at most <see cref="RateLimitOptions.StreamsPerUser"/>: a leaked token or a
/// looping tool cannot hold every connection and queue of the instance.
/// </summary>
public sealed class StreamSlots(IOptions<RateLimitOptions> options)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>A slot to dispose when the stream ends, or null when the user already has the most allowed.</summary>
    public IDisposable? TryTake(string user)
    {
        lock (_lock)
        {
            var open = _open.GetValueOrDefault(user);
            if (open >= options.Value.StreamsPerUser) return null;
            _open[user] = open + 1;
        }
        return new Slot(this, user);
    }

    private void Release(string user)
    {
        lock (_lock)
        {
            if (_open.TryGetValue(user, out var open) && open > 1) _open[user] = open - 1;
            else _open.Remove(user);
        }
    }

    private sealed class Slot(StreamSlots slots, string user) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release(user);
        }
    }
}
