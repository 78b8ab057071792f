using System.Diagnostics.Metrics;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AdminDashboard.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// OpenTelemetry: metrics (ASP.NET Core requests and latency by route, HttpClient, runtime, the dashboard's own
    /// meter) exported for Prometheus at /metrics; traces (one per request, a span per fan-out and per service
    /// call) collected and exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static IServiceCollection AddDashboardObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetricsAccess(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("blazoradmin-dashboard"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(DashboardMetrics.MeterName)
                    // Blazor's own (ASP.NET Core 10): open circuits, render and diff times, event handler times.
                    .AddMeter("Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Lifecycle", "Microsoft.AspNetCore.Components.Server.Circuits")
                    .AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        // Traces only where they go somewhere: without an exporter, every request would still build a span and its tags
        // (about 8 % of a cache hit's allocations) for nobody. Log lines keep their trace id either way (ASP.NET Core's own
        // activity per request).
        if (otlp)
        {
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(DashboardTracing.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments(MetricsAccess.Path))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }
        // ASP.NET Core's meters are made per application, but a MeterProvider hears every meter of a name in the
        // process: in embedded mode the five services' requests would be counted as the dashboard's. They have their own /metrics.
        services.ConfigureOpenTelemetryMeterProvider((sp, metrics) =>
        {
            var own = sp.GetRequiredService<IMeterFactory>();
            metrics.AddView(i => i.Meter.Scope is IMeterFactory other && !ReferenceEquals(other, own) ? MetricStreamConfiguration.Drop : null);
        });
        return services;
    }

    /// <summary>/metrics in Prometheus text format: operational figures only, no patient data; anonymous in Development only (<see cref="MetricsAccess"/>).</summary>
    public static WebApplication MapDashboardMetrics(this WebApplication app)
    {
        var metrics = app.MapPrometheusScrapingEndpoint(MetricsAccess.Path);
        if (app.Environment.IsDevelopment()) metrics.AllowAnonymous();
        else metrics.RequireAuthorization(MetricsAccess.Policy);
        return app;
    }
}
