using AdminDashboard.Core.Upstream;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Embedded;

/// <summary>
/// Embedded mode opens the five services on the <c>Upstream:*:BaseUrl</c> addresses: plain HTTP (they have no
/// certificate), each on a port of its own. Said at start-up, every problem at once, rather than as a bind error.
/// </summary>
public sealed class ValidateEmbeddedOptions(IOptions<UpstreamOptions> upstream) : IValidateOptions<EmbeddedOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddedOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var errors = new List<string>();
        // Missing or malformed addresses are reported by Upstream's own validation.
        var urls = UpstreamServiceNames.All
            .Select(s => (Service: s, Url: upstream.Value.For(s).BaseUrl))
            .Where(x => x.Url is { IsAbsoluteUri: true })
            .ToList();
        foreach (var (service, url) in urls.Where(x => x.Url!.Scheme != Uri.UriSchemeHttp))
            errors.Add($"{EmbeddedOptions.SectionName}:Enabled=true serves the services over plain HTTP, but {UpstreamOptions.SectionName}:{service}:BaseUrl is '{url}'. " +
                       $"Use http://, or set {EmbeddedOptions.SectionName}:Enabled=false to call external services.");
        foreach (var shared in urls.GroupBy(x => (x.Url!.Host, x.Url.Port)).Where(g => g.Count() > 1))
            errors.Add($"{EmbeddedOptions.SectionName}:Enabled=true gives each service a port of its own, but " +
                       $"{string.Join(", ", shared.Select(x => $"{UpstreamOptions.SectionName}:{x.Service}:BaseUrl"))} share {shared.Key.Host}:{shared.Key.Port}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public sealed class ValidateSimulatorOptions : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var errors = new List<string>();
        if (options.IntervalMs is < SimulatorOptions.MinIntervalMs or > SimulatorOptions.MaxIntervalMs)
            errors.Add($"{SimulatorOptions.SectionName}:IntervalMs must be between {SimulatorOptions.MinIntervalMs} and {SimulatorOptions.MaxIntervalMs}; got {options.IntervalMs}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
