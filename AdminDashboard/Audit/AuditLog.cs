using System.Security.Claims;
using AdminDashboard.Auth;

namespace AdminDashboard.Audit;

/// <summary>One thing an admin did: who, what, which data, when, from where.</summary>
public sealed record AuditEntry(DateTimeOffset At, string User, string UserId, string Action, string Resource, string? From);

/// <summary>
/// Who viewed or exported what. Each entry is a structured log event (category <c>BlazorAdmin.Audit</c>,
/// event id 9001, fields Action, Resource, User, UserId, From) for a SIEM, and the last 1,000 stay in memory
/// for the Audit page. The log event is written off the request's path, in batches (<see cref="AuditLogWriter"/>).
/// </summary>
public sealed class AuditLog(AuditLogWriter writer, TimeProvider time)
{
    public const int Kept = 1000;
    private readonly Lock _lock = new();
    private readonly LinkedList<AuditEntry> _recent = new();

    public void Record(ClaimsPrincipal user, string action, string resource, string? from)
    {
        var entry = new AuditEntry(time.GetUtcNow(), user.Identity?.Name ?? UserIdentity.Key(user), UserIdentity.Key(user), action, resource, from);
        writer.Enqueue(entry);
        lock (_lock)
        {
            _recent.AddFirst(entry);
            if (_recent.Count > Kept) _recent.RemoveLast();
        }
    }

    public IReadOnlyList<AuditEntry> Recent(int count)
    {
        lock (_lock) { return _recent.Take(count).ToList(); }
    }
}

public static class AuditExtensions
{
    public static IServiceCollection AddDashboardAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLogWriter>());
        services.AddSingleton<AuditLog>();
        return services;
    }

    /// <summary>Records each successful admin API call: an export when it asked for CSV, a view otherwise.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            var action = http.Request.Query["format"] == "csv" ? "export" : http.Request.Path.Value?.EndsWith("/events") == true ? "subscribe" : "view";
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
            if (status < 400)
                http.RequestServices.GetRequiredService<AuditLog>().Record(http.User, action, http.Request.Path + http.Request.QueryString,
                    http.Connection.RemoteIpAddress?.ToString());
            return result;
        });
}
