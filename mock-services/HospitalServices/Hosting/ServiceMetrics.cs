using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using HospitalServices.Contracts;

namespace HospitalServices.Hosting;

/// <summary>
/// Each service's own <c>/metrics</c> (Prometheus text): its requests and latency per route, and the process's CPU,
/// memory and GC. Unguarded like any scrape target, GET only, operational figures and no patient data.
/// </summary>
internal static class ServiceMetrics
{
    public const string Path = "/metrics";

    public static void Add(IServiceCollection services, HospitalService service)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService($"hospital-{HospitalServiceInfo.PathSegment(service)}"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                // A scrape shows every request finished before it: the exporter's 300 ms response cache guards against
                // many concurrent scrapers, which a service scraped every few seconds does not have.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        // ASP.NET Core makes its meters per application (through IMeterFactory), but a MeterProvider listens to every
        // meter of a name in the process. In embedded mode six applications share one process: without this view a
        // service's /metrics would count the dashboard's and the other services' requests as its own.
        services.ConfigureOpenTelemetryMeterProvider((sp, metrics) =>
        {
            var own = sp.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope is IMeterFactory other && !ReferenceEquals(other, own)
                ? MetricStreamConfiguration.Drop
                : null);
        });
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(Path).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
}
