using AdminDashboard.Proxy;

namespace AdminDashboard.Tests.Configuration;

public sealed class ForwardedHeadersSettingsTests
{
    private static IReadOnlyList<string> Validate(params (string, string?)[] settings) =>
        new ValidateForwardedHeadersSettings().Failures(OptionsValidation.Bind<ForwardedHeadersSettings>(ForwardedHeadersSettings.SectionName, settings));

    [Fact]
    public void No_proxy_by_default_and_named_proxies_and_networks_pass()
    {
        Assert.Empty(Validate());
        Assert.False(OptionsValidation.Bind<ForwardedHeadersSettings>(ForwardedHeadersSettings.SectionName).TrustsAnyProxy);
        Assert.Empty(Validate(("ForwardedHeaders:KnownProxies:0", "127.0.0.1"), ("ForwardedHeaders:KnownProxies:1", "::1"),
            ("ForwardedHeaders:KnownNetworks:0", "10.0.8.0/24"), ("ForwardedHeaders:KnownNetworks:1", "fd00::/64"), ("ForwardedHeaders:ForwardLimit", "2")));
    }

    [Fact]
    public void A_blank_entry_names_no_proxy()
    {
        var settings = OptionsValidation.Bind<ForwardedHeadersSettings>(ForwardedHeadersSettings.SectionName, ("ForwardedHeaders:KnownProxies:0", ""));

        Assert.Empty(new ValidateForwardedHeadersSettings().Failures(settings));
        Assert.False(settings.TrustsAnyProxy);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "nginx.local")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.8.0/24")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.8.1")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.8.0/33")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "0.0.0.0/0")]
    [InlineData("ForwardedHeaders:ForwardLimit", "0")]
    [InlineData("ForwardedHeaders:ForwardLimit", "11")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value)
    {
        OptionsValidation.AssertRefusedNaming(Validate((key, value)), key, value);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var failures = Validate(("ForwardedHeaders:KnownProxies:0", "proxy"), ("ForwardedHeaders:KnownNetworks:0", "::/0"), ("ForwardedHeaders:ForwardLimit", "0"));

        Assert.Equal(3, failures.Count);
    }
}
