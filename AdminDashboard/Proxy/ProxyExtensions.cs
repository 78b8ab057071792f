using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Proxy;

/// <summary>
/// Behind a TLS-terminating proxy the dashboard sees the proxy's address and plain http. It takes the client's
/// address and the https scheme from the proxy's headers, and only from the proxies configuration names: the client
/// address drives rate limits, audit and the development sign-in's loopback check, and the scheme drives HSTS,
/// secure cookies and the https redirect URI sent to Entra ID.
/// </summary>
public static class ProxyExtensions
{
    public static IServiceCollection AddDashboardProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardedHeadersSettings>().Bind(configuration.GetSection(ForwardedHeadersSettings.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ValidateForwardedHeadersSettings>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((forwarded, settings) => Configure(forwarded, settings.Value));
        return services;
    }

    private static void Configure(ForwardedHeadersOptions forwarded, ForwardedHeadersSettings settings)
    {
        // Host stays the request's own: nginx passes it on, and a forwarded host would let a client pick the redirect host.
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.ForwardLimit = settings.ForwardLimit;
        // The framework's defaults trust loopback; only what configuration names is trusted here.
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in settings.Proxies)
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in settings.Networks)
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }

    /// <summary>First in the pipeline, so everything after it sees the client and the scheme the proxy saw.</summary>
    public static WebApplication UseDashboardForwardedHeaders(this WebApplication app)
    {
        // With no proxy named the middleware would trust every sender (it checks addresses only when some are known).
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.TrustsAnyProxy)
            app.UseForwardedHeaders();
        return app;
    }
}
