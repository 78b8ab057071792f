using AdminDashboard.Auth;
using AdminDashboard.Core.Health;

namespace AdminDashboard.Api;

/// <summary>Every health route: the probes' <c>/health</c> family and the System health page's data.</summary>
public static class HealthApi
{
    /// <summary>The liveness probe: answers while the process serves (the wall screen waits on it before reloading).</summary>
    public const string LivePath = "/health/live";

    /// <summary>
    /// <c>/v1/admin/system/health</c> (Admin role) for the System health page and tools; <c>/health</c>,
    /// <c>/health/ready</c> and <c>/health/live</c> (anonymous) for probes and load balancers: the overall status only;
    /// an Admin (token or cookie) also gets each check's status and description (no data, no exception text).
    /// Degraded still answers 200: the dashboard is serving.
    /// </summary>
    public static WebApplication MapDashboardHealth(this WebApplication app)
    {
        var admin = app.MapAdminGroup();
        admin.MapGet("/system/health", (SystemHealthService health, CancellationToken ct) => health.GetAsync(ct))
            .WithName("GetSystemHealth")
            .WithSummary("State of the services, the cache and the event stream")
            .WithDescription("Each service's state, why, a probe of its /health and p50/p95 latency and error rate over this instance's " +
                "recent calls; the cache provider, Redis state and hit rate; the live-update bus, its state and consumer lag. " +
                "`cache.families` lists each key family (admin:stats, admin:patients, admin:doctors, admin:appointments, " +
                "admin:revenue, admin:medicine, admin:system) with its hits and misses since this instance started, `hitRate` = hits / (hits + misses) " +
                "(null before the first lookup; an admin's Refresh and Redis errors are counted apart, in `refreshes` and `errors`), and the seed's target " +
                "as ratios `targetMin`/`targetMax` (0.8 = 80 %; null where the seed sets none), with `verdict` within, below, above, noTarget or noLookups.");
        var ready = new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(HealthTags.Ready),
            // Anyone (a load balancer) learns the overall status; which services are down is for admins only.
            ResponseWriter = (context, report) => context.User.IsInRole(AuthPolicies.AdminRole)
                ? context.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
                })
                : context.Response.WriteAsJsonAsync(new { status = report.Status.ToString() }),
        };
        // Live: the process answers. Ready: cache, event stream and services; their trouble is Degraded (still 200).
        app.MapHealthChecks(LivePath, new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/health", ready).AllowAnonymous();
        return app;
    }
}
