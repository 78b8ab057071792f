using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Upstream;
using Microsoft.AspNetCore.Http.Json;

namespace AdminDashboard.Api;

public static class DashboardApi
{
    public static IServiceCollection AddDashboardApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ClientErrorExceptionHandler>();
        // The same answer to a value the framework cannot bind in every environment (the default throws in
        // Development only): the exception carries the parameter's name to the problem details.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            foreach (var converter in UpstreamJson.Options.Converters) o.SerializerOptions.Converters.Add(converter);
        });
        return services;
    }

    /// <summary>Same-origin JSON API for external tools. Every endpoint requires the Admin role.</summary>
    public static WebApplication MapDashboardApi(this WebApplication app)
    {
        var admin = app.MapAdminGroup();
        // Written from the cached bytes (StatsJsonResult); the documented body is still the envelope.
        admin.MapGet("/dashboard/stats", async (DashboardStatsService stats, CancellationToken ct) => new StatsJsonResult(await stats.GetStatsJsonAsync(ct)))
            .Produces<ApiEnvelope<DashboardStats>>(StatusCodes.Status200OK)
            .WithName("GetDashboardStats")
            .WithSummary("Aggregated KPIs of the five hospital services")
            .WithDescription("Headline figures, each service's section and derived metrics, with one `sources` entry per service and " +
                "`warnings` in words. Always 200 while the dashboard serves: a failed service is `null` (or its last-known-good copy, " +
                "marked `stale`) and `partial` is true; `success` is false only when no service answered.");
        return app;
    }
}
