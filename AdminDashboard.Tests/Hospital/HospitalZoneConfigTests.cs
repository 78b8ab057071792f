using AdminDashboard.Core.Hospital;
using AdminDashboard.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace AdminDashboard.Tests.Hospital;

/// <summary>The distributed stack counts one hospital day: every process gets the same zone, defaulted as the code is.</summary>
public sealed class HospitalZoneConfigTests
{
    private static readonly string[] Processes = ["patients", "doctors", "appointments", "billing", "medicine", "dashboard"];

    [Fact]
    public void Compose_gives_every_service_and_the_dashboard_the_same_zone_from_env_with_the_products_default()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Root, "docker-compose.yml"))));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];

        foreach (var name in Processes)
        {
            var environment = (YamlMappingNode)((YamlMappingNode)services[name])["environment"];
            Assert.True(environment.Children.TryGetValue(new YamlScalarNode("Hospital__TimeZone"), out var zone), $"{name} has no Hospital__TimeZone");
            Assert.Equal($"${{HOSPITAL_TIME_ZONE:-{HospitalOptions.DefaultTimeZone}}}", ((YamlScalarNode)zone).Value);
        }
    }

    [Fact]
    public void The_env_example_and_the_services_default_to_the_dashboards_zone()
    {
        var example = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".env.example"));

        Assert.Contains($"HOSPITAL_TIME_ZONE={HospitalOptions.DefaultTimeZone}", example);
        Assert.Equal(HospitalOptions.DefaultTimeZone, HospitalServices.Seed.HospitalClock.DefaultTimeZone);
    }

    [Fact]
    public async Task The_standalone_services_refuse_an_unknown_zone_naming_the_setting()
    {
        // Built with the tests, in the same configuration (test.sh builds the whole solution first).
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
        var host = Path.Combine(RepoPaths.Root, "mock-services", "HospitalServices.Host", "bin", configuration, "net10.0", "HospitalServices.Host.dll");
        Assert.True(File.Exists(host), $"{host} is not built");

        var result = await ProcessRunner.RunAsync("dotnet", [host], TimeSpan.FromMinutes(1), new Dictionary<string, string>
        {
            ["Internal__GatewaySecret"] = "a-secret-of-at-least-16-characters",
            ["Hospital__TimeZone"] = "Mars/Olympus_Mons",
        });

        Assert.NotNull(result);
        Assert.Equal(2, result.Value.ExitCode);
        Assert.Contains("Hospital:TimeZone 'Mars/Olympus_Mons'", result.Value.Output);
    }
}
