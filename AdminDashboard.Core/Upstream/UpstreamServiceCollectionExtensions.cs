using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Upstream;

public static class UpstreamServiceCollectionExtensions
{
    /// <summary>Plain client for the services' unguarded /health, used by the system health page.</summary>
    public const string ProbeClientName = "upstream-health-probe";

    /// <summary>Typed clients for the five services, each with the internal headers, base URL from <c>Upstream:{Service}:BaseUrl</c>.</summary>
    public static IServiceCollection AddDashboardUpstream(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UpstreamOptions>().Bind(configuration.GetSection(UpstreamOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UpstreamOptions>, ValidateUpstreamOptions>();
        services.AddOptions<InternalOptions>().Bind(configuration.GetSection(InternalOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InternalOptions>, ValidateInternalOptions>();
        services.AddTransient<InternalRequestHandler>();

        AddClient<PatientsClient>(services, UpstreamService.Patients);
        AddClient<DoctorsClient>(services, UpstreamService.Doctors);
        AddClient<AppointmentsClient>(services, UpstreamService.Appointments);
        AddClient<BillingClient>(services, UpstreamService.Billing);
        AddClient<MedicineClient>(services, UpstreamService.Medicine);
        services.AddTransient<IHospitalServices, HttpHospitalServices>();
        services.AddHttpClient(ProbeClientName).ConfigurePrimaryHttpMessageHandler(NeverRedirect);
        return services;
    }

    private static void AddClient<TClient>(IServiceCollection services, UpstreamService service) where TClient : class
    {
        services.AddHttpClient<TClient>((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<IOptions<UpstreamOptions>>().Value.For(service).BaseUrl;
                // The aggregator's overall deadline ends each call; no second, shorter clock here.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(NeverRedirect)
            .AddHttpMessageHandler<InternalRequestHandler>();
    }

    /// <summary>
    /// A redirect would carry the gateway secret to wherever a service (or whoever answers in its place) points: a
    /// service's 3xx is an answer to report, never a hop to take.
    /// </summary>
    public static HttpMessageHandler NeverRedirect() => new SocketsHttpHandler { AllowAutoRedirect = false };
}
