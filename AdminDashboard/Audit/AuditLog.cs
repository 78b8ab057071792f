using System.Security.Claims;
using AdminDashboard.Auth;

namespace AdminDashboard.Audit;

/// <summary>One thing an admin did: who, what, which data, when, from where.</summary>
public sealed record AuditEntry(DateTimeOffset At, string User, string UserId, string Action, string Resource, string? From);

/// <summary>
/// Who viewed or exported what. Each entry is a structured log event (category <c>BlazorAdmin.Audit</c>,
/// event id 9001, fields Action, Resource, User, UserId, From) for a SIEM, written off the request's path in batches
/// (<see cref="AuditLogWriter"/>), and it goes to the <see cref="IAuditSink"/> the Audit page reads (a Redis stream when
/// Redis is configured, else the last 1,000 in memory).
/// </summary>
public sealed class AuditLog(AuditLogWriter writer, TimeProvider time, IAuditSink sink)
{
    public const int Kept = 1000;

    public void Record(ClaimsPrincipal user, string action, string resource, string? from)
    {
        var entry = new AuditEntry(time.GetUtcNow(), UserIdentity.DisplayName(user), UserIdentity.Key(user), action, resource, from);
        writer.Enqueue(entry);
        sink.Append(entry);
    }

    public IReadOnlyList<AuditEntry> Recent(int count) => sink.Recent(count);
}

public static class AuditExtensions
{
    public static IServiceCollection AddDashboardAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLogWriter>());
        services.AddSingleton<AuditLog>();
        // Durable where Redis is: the provider is the cache's, so one setting decides where shared state lives.
        services.AddSingleton<IAuditSink>(sp =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AdminDashboard.Core.Caching.CacheOptions>>().Value.Provider == AdminDashboard.Core.Caching.CacheProvider.Redis
                ? ActivatorUtilities.CreateInstance<RedisStreamAuditSink>(sp)
                : new MemoryAuditSink());
        return services;
    }

    /// <summary>Audit actions beyond view, export and subscribe. The one place that names them.</summary>
    public const string SignIn = "sign-in", SignOut = "sign-out", Unauthenticated = "refused-401", Forbidden = "refused-403", Acknowledge = "acknowledge";

    /// <summary>
    /// Records every 401 and 403 the app answers: who (or, unsigned, which IP) was turned away from what. Placed
    /// after authentication, so a 403 names the user it refused.
    /// </summary>
    public static WebApplication UseAuditOfRefusals(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            var action = context.Response.StatusCode switch
            {
                StatusCodes.Status401Unauthorized => Unauthenticated,
                StatusCodes.Status403Forbidden => Forbidden,
                _ => null,
            };
            if (action is not null)
                context.RequestServices.GetRequiredService<AuditLog>().Record(context.User, action, context.Request.Path + context.Request.QueryString,
                    context.Connection.RemoteIpAddress?.ToString());
        });
        return app;
    }

    /// <summary>Names what an endpoint that changes something does, for its audit entries (a view otherwise).</summary>
    public static TBuilder AuditedAs<TBuilder>(this TBuilder builder, string action) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditActionMetadata(action));

    /// <summary>Records each successful admin API call: an export when it asked for CSV, a view otherwise.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            var action = http.GetEndpoint()?.Metadata.GetMetadata<AuditActionMetadata>()?.Action
                ?? (http.Request.Query["format"] == "csv" ? "export" : http.Request.Path.Value?.EndsWith("/events") == true ? "subscribe" : "view");
            var answer = result is INestedHttpResult nested ? nested.Result : result;
            var status = answer is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
            if (status < 400)
                http.RequestServices.GetRequiredService<AuditLog>().Record(http.User, action, http.Request.Path + http.Request.QueryString,
                    http.Connection.RemoteIpAddress?.ToString());
            return result;
        });
}

/// <summary>The audit action an endpoint declares (<see cref="AuditExtensions.AuditedAs"/>).</summary>
public sealed record AuditActionMetadata(string Action);
