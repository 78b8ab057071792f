using System.Net;
using System.Text.Json.Serialization;
using HospitalServices.Contracts;
using HospitalServices.Events;
using HospitalServices.Faults;
using HospitalServices.Guard;
using HospitalServices.Internal;
using HospitalServices.Seed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HospitalServices.Hosting;

/// <summary>
/// The test and demo switches a service may expose: <c>/v1/internal/faults</c> (make it fail) and
/// <c>/v1/internal/simulate/*</c> (make it change). Neither is mapped unless asked for: in a real deployment anyone
/// holding the gateway secret could otherwise take a service down or invent payments.
/// </summary>
public sealed record InternalSwitches(bool Faults, bool Simulate)
{
    public static InternalSwitches None { get; } = new(false, false);

    public static InternalSwitches All { get; } = new(true, true);

    /// <summary>The configuration key that turns both on (default: on in Development only).</summary>
    public const string FaultsEnabledKey = "Faults:Enabled";
}

/// <summary>Builds one hospital service as its own web application on its own port.</summary>
public static class HospitalServiceApp
{
    public static WebApplication Build(HospitalService service, Uri listenUrl, string gatewaySecret,
        TimeProvider? time = null, ILoggerFactory? logs = null, IDomainEventPublisher? publisher = null, string? previousGatewaySecret = null,
        TimeZoneInfo? timeZone = null, InternalSwitches? switches = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = $"HospitalServices.{service}" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            if (listenUrl.IsLoopback && listenUrl.Host == "localhost")
                kestrel.ListenLocalhost(listenUrl.Port);
            else if (IPAddress.TryParse(listenUrl.Host, out var ip))
                kestrel.Listen(ip, listenUrl.Port);
            else
                kestrel.ListenAnyIP(listenUrl.Port);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddRouting();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ServiceAnswer.AddFailureFields);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(new ForwardingLoggerProvider(logs, $"HospitalServices.{service}"));
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        // The hospital's zone, not the machine's: a container in UTC still counts the hospital's day.
        var zone = timeZone ?? TimeZoneInfo.FindSystemTimeZoneById(HospitalClock.DefaultTimeZone);
        builder.Services.AddSingleton(sp => new HospitalClock(sp.GetRequiredService<TimeProvider>(), zone));
        builder.Services.AddSingleton(new InternalRequestGuard(gatewaySecret, previousGatewaySecret));
        builder.Services.AddSingleton<FaultSwitch>();
        builder.Services.AddSingleton<AdminRequestCounter>();
        builder.Services.AddSingleton(publisher ?? NullDomainEventPublisher.Instance);
        var module = ServiceModules.For(service);
        module.AddStore(builder.Services);
        ServiceMetrics.Add(builder.Services, service);

        var app = builder.Build();
        // Seed before the port opens so the first request does not pay for it.
        module.Seed(app.Services);
        return Map(app, module, switches ?? InternalSwitches.None);
    }

    private static WebApplication Map(WebApplication app, IHospitalServiceModule module, InternalSwitches switches)
    {
        var service = module.Service;
        // Requests that cannot be bound (malformed JSON, wrong types) answer 400 problem details, not an empty body.
        app.UseStatusCodePages();
        app.MapGet("/health", () => Results.Ok(new { status = "ok", service = service.ToString() }));
        ServiceMetrics.Map(app);

        app.UseMiddleware<InternalRequestMiddleware>();
        var guarded = app.MapGroup("/v1");
        var counter = app.Services.GetRequiredService<AdminRequestCounter>();
        var admin = guarded.MapGroup("/admin")
            .WithMetadata(ServiceAnswer.Metadata.Instance)
            .AddEndpointFilter((context, next) => { counter.Increment(); return next(context); })
            .AddEndpointFilter<FaultInjectionFilter>();
        module.MapReads(admin);
        // Every successful write announces itself; the endpoints do not know about the bus.
        var writes = guarded.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (result is IStatusCodeHttpResult { StatusCode: 200 } and IValueHttpResult { Value: { } entity })
                Announce(context.HttpContext.RequestServices, HospitalEventTypes.AnnouncedByWrite(service), entity);
            return result;
        });
        module.MapWrites(writes);

        app.MapGet(InternalRoutes.Requests, (AdminRequestCounter counter) => Results.Ok(new RequestCounts(counter.Count)));
        if (switches.Faults) MapFaults(app);
        if (switches.Simulate) MapSimulate(app, module);
        return app;
    }

    private static void MapFaults(WebApplication app)
    {
        app.MapGet(InternalRoutes.Faults, (FaultSwitch faults) => Results.Ok(ToWire(faults.Current)));
        app.MapPut(InternalRoutes.Faults, (FaultRequest request, FaultSwitch faults) =>
        {
            if (!request.TryValidate(out var settings, out var errors)) return Results.ValidationProblem(errors);
            faults.Set(settings);
            return Results.Ok(ToWire(settings));
        });
    }

    private static void MapSimulate(WebApplication app, IHospitalServiceModule module)
    {
        var service = module.Service;
        app.MapPost(InternalRoutes.SimulatePattern, (string eventType, IServiceProvider services) =>
        {
            if (!HospitalEventTypes.OwnedBy(service).Contains(eventType))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown event type",
                    detail: $"The {service} service simulates: {string.Join(", ", HospitalEventTypes.OwnedBy(service))}.");
            }
            var entity = module.Simulate(services, eventType);
            if (entity is not null) Announce(services, eventType, entity);
            return entity is null
                ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to change", detail: "No entity was in a state this event applies to.")
                : Results.Ok(new { eventType, entity });
        });
    }

    private static void Announce(IServiceProvider services, string eventType, object entity)
    {
        var domainEvent = DomainEvent.For(eventType, entity, services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (domainEvent is not null) services.GetRequiredService<IDomainEventPublisher>().Publish(domainEvent);
    }

    private static FaultRequest ToWire(FaultSettings s) => FaultRequest.For(s.Mode, s.DelayMs);
}

/// <summary>Sends an embedded service's logs to the host's logger factory under the service's name; never disposes it.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target, string prefix) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger($"{prefix}.{categoryName}");

    public void Dispose()
    {
    }
}
