using AdminDashboard.Core.Upstream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace AdminDashboard.Tests.Configuration;

public sealed class UpstreamOptionsTests
{
    private static (string, string?)[] AllServices(string scheme = "http") =>
        [.. UpstreamServiceNames.All.Select((s, i) => ($"Upstream:{s}:BaseUrl", (string?)$"{scheme}://127.0.0.1:{8082 + i}"))];

    private static IReadOnlyList<string> ValidateUpstream(params (string, string?)[] settings) =>
        ValidateUpstreamIn(Environments.Development, settings);

    private static IReadOnlyList<string> ValidateUpstreamIn(string environment, params (string, string?)[] settings) =>
        new ValidateUpstreamOptions(new HostingEnvironment { EnvironmentName = environment }).Failures(OptionsValidation.Bind<UpstreamOptions>(UpstreamOptions.SectionName, settings));

    private static IReadOnlyList<string> ValidateInternal(string environment, string? secret, string? previous = null) =>
        new ValidateInternalOptions(new HostingEnvironment { EnvironmentName = environment })
            .Failures(new InternalOptions { GatewaySecret = secret, PreviousGatewaySecret = previous });

    [Fact]
    public void Every_service_at_an_http_or_https_address_passes()
    {
        Assert.Empty(ValidateUpstream(AllServices()));
        Assert.Empty(ValidateUpstream(AllServices("https")));
    }

    [Fact]
    public void A_missing_or_non_http_address_is_refused_naming_its_key()
    {
        var settings = AllServices().Where(s => s.Item1 != "Upstream:Billing:BaseUrl")
            .Select(s => s.Item1 == "Upstream:Medicine:BaseUrl" ? (s.Item1, "ftp://127.0.0.1:8086") : s).ToArray();

        var failures = ValidateUpstream(settings);

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Upstream:Billing:BaseUrl is required"));
        Assert.Contains(failures, f => f.StartsWith("Upstream:Medicine:BaseUrl must be an absolute http(s) URL"));
    }

    [Fact]
    public void With_nothing_configured_every_service_is_reported_at_once()
    {
        Assert.Equal(UpstreamServiceNames.All.Count(), ValidateUpstream().Count);
    }

    private static (string, string?)[] AllServicesAt(string host, string scheme = "http") =>
        [.. UpstreamServiceNames.All.Select((s, i) => ($"Upstream:{s}:BaseUrl", (string?)$"{scheme}://{host}:{8082 + i}"))];

    [Fact]
    public void Outside_development_a_remote_service_must_be_https_naming_each_key()
    {
        var failures = ValidateUpstreamIn(Environments.Production, AllServicesAt("patients.hospital.internal"));

        Assert.Equal(UpstreamServiceNames.All.Count(), failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Upstream:Billing:BaseUrl must be https outside Development") && f.Contains("Upstream:AllowHttp"));
        Assert.Empty(ValidateUpstreamIn(Environments.Production, AllServicesAt("patients.hospital.internal", "https")));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    public void Loopback_stays_on_http_in_any_environment(string host)
    {
        Assert.Empty(ValidateUpstreamIn(Environments.Production, AllServicesAt(host)));
    }

    [Fact]
    public void Allow_http_or_development_lets_a_remote_http_service_through()
    {
        Assert.Empty(ValidateUpstreamIn(Environments.Production, [.. AllServicesAt("10.0.0.5"), ("Upstream:AllowHttp", "true")]));
        Assert.Empty(ValidateUpstreamIn(Environments.Development, AllServicesAt("10.0.0.5")));
    }

    [Fact]
    public void A_long_enough_secret_passes_and_the_development_default_passes_only_in_development()
    {
        Assert.Empty(ValidateInternal(Environments.Production, "a-real-secret-of-enough-length"));
        Assert.Empty(ValidateInternal(Environments.Development, ValidateInternalOptions.DevelopmentDefault));
    }

    [Theory]
    [InlineData(null, null, "Internal:GatewaySecret must be set")]
    [InlineData("too-short", null, "Internal:GatewaySecret must be set")]
    [InlineData(ValidateInternalOptions.DevelopmentDefault, null, "Internal:GatewaySecret is the development default")]
    [InlineData("a-real-secret-of-enough-length", "short", "Internal:PreviousGatewaySecret must be at least")]
    public void A_bad_secret_is_refused_naming_its_key(string? secret, string? previous, string expected)
    {
        var failure = Assert.Single(ValidateInternal(Environments.Production, secret, previous));

        Assert.StartsWith(expected, failure);
    }

    [Fact]
    public void Every_secret_problem_is_reported_at_once()
    {
        Assert.Equal(2, ValidateInternal(Environments.Production, "too-short", "short").Count);
    }
}
