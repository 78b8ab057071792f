using AdminDashboard.Core.Upstream;
using AdminDashboard.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Tests.Configuration;

public sealed class EmbeddedOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<UpstreamOptions>().Bind(configuration.GetSection(UpstreamOptions.SectionName));
        services.AddEmbeddedHospital(configuration);
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> Upstream(params (UpstreamService Service, string Url)[] urls) =>
        urls.ToDictionary(u => $"Upstream:{u.Service}:BaseUrl", u => (string?)u.Url);

    [Fact]
    public void Embedded_and_simulator_sections_are_bound_from_configuration()
    {
        using var provider = Build(new() { ["Embedded:Enabled"] = "false", ["Simulator:Enabled"] = "false", ["Simulator:IntervalMs"] = "750" });

        Assert.False(provider.GetRequiredService<IOptions<EmbeddedOptions>>().Value.Enabled);
        Assert.False(provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.Enabled);
        Assert.Equal(750, provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.IntervalMs);
    }

    [Fact]
    public void Without_settings_neither_the_embedded_services_nor_the_simulator_run()
    {
        using var provider = Build([]);

        Assert.False(provider.GetRequiredService<IOptions<EmbeddedOptions>>().Value.Enabled);
        Assert.False(provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.Enabled);
    }

    [Fact]
    public void Development_settings_turn_embedded_mode_and_the_simulator_on_and_the_base_settings_leave_them_off()
    {
        var dashboard = Path.Combine(Infrastructure.RepoPaths.Root, "AdminDashboard");
        IConfiguration Load(params string[] files)
        {
            var builder = new ConfigurationBuilder().SetBasePath(dashboard);
            foreach (var file in files) builder.AddJsonFile(file);
            return builder.Build();
        }
        var production = Load("appsettings.json");
        var development = Load("appsettings.json", "appsettings.Development.json");

        Assert.False(production.GetValue<bool>("Embedded:Enabled"));
        Assert.False(production.GetValue<bool>("Simulator:Enabled"));
        Assert.Null(production["Upstream:Patients:BaseUrl"]);
        Assert.True(development.GetValue<bool>("Embedded:Enabled"));
        Assert.True(development.GetValue<bool>("Simulator:Enabled"));
    }

    [Fact]
    public void Embedded_mode_without_addresses_uses_the_services_usual_loopback_ports()
    {
        using var provider = Build(new() { ["Embedded:Enabled"] = "true" });

        Assert.Equal(new Uri("http://127.0.0.1:8082"), provider.GetRequiredService<IOptions<UpstreamOptions>>().Value.Patients.BaseUrl);
        Assert.Equal(new Uri("http://127.0.0.1:8086"), provider.GetRequiredService<IOptions<UpstreamOptions>>().Value.Medicine.BaseUrl);
    }

    [Fact]
    public void A_made_up_gateway_secret_is_used_only_in_embedded_mode()
    {
        using var embedded = Build(new() { ["Embedded:Enabled"] = "true" });
        using var distributed = Build(new() { ["Embedded:Enabled"] = "false" });

        Assert.False(string.IsNullOrEmpty(embedded.GetRequiredService<IOptions<InternalOptions>>().Value.GatewaySecret));
        Assert.Null(distributed.GetRequiredService<IOptions<InternalOptions>>().Value.GatewaySecret);
    }

    [Fact]
    public void Start_up_reports_every_embedded_and_simulator_problem_at_once()
    {
        var settings = Upstream(
            (UpstreamService.Patients, "https://127.0.0.1:8082"), (UpstreamService.Doctors, "http://127.0.0.1:8083"),
            (UpstreamService.Appointments, "http://127.0.0.1:8083"), (UpstreamService.Billing, "http://127.0.0.1:8085"),
            (UpstreamService.Medicine, "http://127.0.0.1:8086"));
        settings["Simulator:IntervalMs"] = "10";
        settings["Embedded:Enabled"] = "true";
        using var provider = Build(settings);

        var e = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var messages = e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(x => x.Failures).ToList();
        Assert.Contains(messages, m => m.Contains("Upstream:Patients:BaseUrl is 'https://127.0.0.1:8082/'"));
        Assert.Contains(messages, m => m.Contains("Upstream:Doctors:BaseUrl, Upstream:Appointments:BaseUrl share 127.0.0.1:8083"));
        Assert.Contains(messages, m => m.StartsWith("Simulator:IntervalMs must be between 50 and 600000"));
    }

    [Fact]
    public void Distributed_mode_does_not_care_how_the_external_services_are_addressed()
    {
        var options = Options.Create(new UpstreamOptions());
        foreach (var service in UpstreamServiceNames.All)
            options.Value.For(service).BaseUrl = new Uri("https://gateway.hospital.internal");

        var result = new ValidateEmbeddedOptions(options).Validate(null, new EmbeddedOptions { Enabled = false });

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("49")]
    [InlineData("600001")]
    public void A_simulator_interval_out_of_range_is_refused_naming_its_key(string value)
    {
        var validator = new ValidateSimulatorOptions();

        Assert.Empty(validator.Failures(new SimulatorOptions()));
        OptionsValidation.AssertRefusedNaming(
            validator.Failures(OptionsValidation.Bind<SimulatorOptions>(SimulatorOptions.SectionName, ("Simulator:IntervalMs", value))), "Simulator:IntervalMs", value);
    }
}
