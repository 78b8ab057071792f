using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Upstream;

public sealed class ServiceEndpointOptions
{
    public Uri? BaseUrl { get; set; }
}

/// <summary>Where the five services live: <c>Upstream:{Service}:BaseUrl</c>.</summary>
public sealed class UpstreamOptions
{
    public const string SectionName = "Upstream";

    /// <summary>
    /// Allow plain <c>http://</c> to non-loopback services outside Development (<c>Upstream:AllowHttp</c>), for a network
    /// the hospital already encrypts some other way. Off by default: the gateway secret would cross the network in clear.
    /// </summary>
    public bool AllowHttp { get; set; }

    public ServiceEndpointOptions Patients { get; set; } = new();
    public ServiceEndpointOptions Doctors { get; set; } = new();
    public ServiceEndpointOptions Appointments { get; set; } = new();
    public ServiceEndpointOptions Billing { get; set; } = new();
    public ServiceEndpointOptions Medicine { get; set; } = new();

    public ServiceEndpointOptions For(UpstreamService service) => service switch
    {
        UpstreamService.Patients => Patients,
        UpstreamService.Doctors => Doctors,
        UpstreamService.Appointments => Appointments,
        UpstreamService.Billing => Billing,
        UpstreamService.Medicine => Medicine,
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };
}

/// <summary>The shared secret of the service-to-service guard: <c>Internal:GatewaySecret</c>.</summary>
public sealed class InternalOptions
{
    public const string SectionName = "Internal";
    public const int MinimumSecretLength = 16;

    public string? GatewaySecret { get; set; }

    /// <summary>
    /// During a rotation, the secret being retired: the (embedded) services accept it as well as the new one
    /// until it is removed. The dashboard itself always sends <see cref="GatewaySecret"/>.
    /// </summary>
    public string? PreviousGatewaySecret { get; set; }
}

/// <summary>Reports every upstream configuration problem at once, at start-up.</summary>
public sealed class ValidateUpstreamOptions(Microsoft.Extensions.Hosting.IHostEnvironment environment) : IValidateOptions<UpstreamOptions>
{
    /// <summary>Loopback stays on http (embedded mode, a sidecar): the secret never leaves the machine.</summary>
    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        var errors = new List<string>();
        foreach (var service in UpstreamServiceNames.All)
        {
            var url = options.For(service).BaseUrl;
            if (url is null)
                errors.Add($"{UpstreamOptions.SectionName}:{service}:BaseUrl is required: where the {service} service lives (e.g. https://{service.ToString().ToLowerInvariant()}.hospital.internal), " +
                    "or set Embedded:Enabled=true to run the mock services in this process.");
            else if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                errors.Add($"{UpstreamOptions.SectionName}:{service}:BaseUrl must be an absolute http(s) URL; got '{url}'.");
            else if (url.Scheme == Uri.UriSchemeHttp && !options.AllowHttp && !IsLoopback(url)
                     && !Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(environment))
                errors.Add($"{UpstreamOptions.SectionName}:{service}:BaseUrl must be https outside Development, the gateway secret travels with every call; got '{url}'. " +
                    $"Set {UpstreamOptions.SectionName}:AllowHttp=true only if the network is encrypted otherwise.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public sealed class ValidateInternalOptions(Microsoft.Extensions.Hosting.IHostEnvironment environment) : IValidateOptions<InternalOptions>
{
    /// <summary>The development default in appsettings.Development.json: refused anywhere else.</summary>
    public const string DevelopmentDefault = "dev-only-gateway-secret-change-me";

    public ValidateOptionsResult Validate(string? name, InternalOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.GatewaySecret) || options.GatewaySecret.Length < InternalOptions.MinimumSecretLength)
            errors.Add($"{InternalOptions.SectionName}:GatewaySecret must be set to a secret of at least {InternalOptions.MinimumSecretLength} characters (env Internal__GatewaySecret; development default in appsettings.Development.json).");
        if (!Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(environment)
            && (options.GatewaySecret == DevelopmentDefault || options.PreviousGatewaySecret == DevelopmentDefault))
            errors.Add($"{InternalOptions.SectionName}:GatewaySecret is the development default; set a real secret outside Development.");
        if (options.PreviousGatewaySecret is { Length: > 0 } previous && previous.Length < InternalOptions.MinimumSecretLength)
            errors.Add($"{InternalOptions.SectionName}:PreviousGatewaySecret must be at least {InternalOptions.MinimumSecretLength} characters.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
