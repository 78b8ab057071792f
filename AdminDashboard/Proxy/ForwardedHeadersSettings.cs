using System.Net;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Proxy;

/// <summary>
/// <c>ForwardedHeaders</c> section: the TLS-terminating proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> the dashboard believes. Empty (the default) believes no one: those headers are ignored.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of the proxies themselves, e.g. <c>127.0.0.1</c> for an nginx on the same host.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies live in, in CIDR notation, e.g. <c>10.0.8.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies deep to read the headers: one proxy in front of the dashboard by default.</summary>
    public int ForwardLimit { get; set; } = 1;

    public const int MaxForwardLimit = 10;

    /// <summary>The named entries; a blank one (compose passes an unset variable as empty) names nothing.</summary>
    public IEnumerable<string> Proxies => KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p));

    public IEnumerable<string> Networks => KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n));

    public bool TrustsAnyProxy => Proxies.Any() || Networks.Any();
}

public sealed class ValidateForwardedHeadersSettings : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings o)
    {
        var errors = new List<string>();
        for (var i = 0; i < o.KnownProxies.Count; i++)
            if (!string.IsNullOrWhiteSpace(o.KnownProxies[i]) && !IPAddress.TryParse(o.KnownProxies[i], out _))
                errors.Add($"{ForwardedHeadersSettings.SectionName}:{nameof(o.KnownProxies)}:{i} must be an IP address; got {o.KnownProxies[i]}.");
        for (var i = 0; i < o.KnownNetworks.Count; i++)
            if (!string.IsNullOrWhiteSpace(o.KnownNetworks[i]) && !IPNetwork.TryParse(o.KnownNetworks[i], out _))
                errors.Add($"{ForwardedHeadersSettings.SectionName}:{nameof(o.KnownNetworks)}:{i} must be a network in CIDR notation (10.0.8.0/24); got {o.KnownNetworks[i]}.");
        // A network that holds every address would believe any client that sends the headers itself.
        for (var i = 0; i < o.KnownNetworks.Count; i++)
            if (IPNetwork.TryParse(o.KnownNetworks[i], out var network) && network.PrefixLength == 0)
                errors.Add($"{ForwardedHeadersSettings.SectionName}:{nameof(o.KnownNetworks)}:{i} must be narrower than every address; got {o.KnownNetworks[i]}.");
        if (o.ForwardLimit is < 1 or > ForwardedHeadersSettings.MaxForwardLimit)
            errors.Add($"{ForwardedHeadersSettings.SectionName}:{nameof(o.ForwardLimit)} must be between 1 and {ForwardedHeadersSettings.MaxForwardLimit}; got {o.ForwardLimit}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
