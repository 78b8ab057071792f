using AdminDashboard.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace AdminDashboard.Tests.Operations;

/// <summary>docker-compose.yml describes the distributed stack; no Docker engine here, so its shape is checked as YAML.</summary>
public sealed class ComposeFileTests
{
    private static readonly string[] HospitalServices = ["patients", "doctors", "appointments", "billing", "medicine"];

    private static YamlMappingNode Services()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Root, "docker-compose.yml"))));
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services()[name];

    [Fact]
    public void The_stack_has_kafka_redis_the_five_services_and_the_dashboard_each_with_a_health_check()
    {
        var names = Services().Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        Assert.Equal(["kafka", "redis", .. HospitalServices, "dashboard"], names);
        foreach (var name in names)
            Assert.True(Service(name).Children.ContainsKey("healthcheck"), $"{name} has no health check");
        Assert.Contains("KAFKA_PROCESS_ROLES", ((YamlMappingNode)Service("kafka")["environment"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.StartsWith("apache/kafka", ((YamlScalarNode)Service("kafka")["image"]).Value);
    }

    [Fact]
    public void Ports_are_the_ones_design_names()
    {
        string Port(string service) => ((YamlScalarNode)((YamlSequenceNode)Service(service)["ports"]).Children[0]).Value!;
        Assert.Equal("8080:8080", Port("dashboard"));
        for (var i = 0; i < HospitalServices.Length; i++)
            Assert.Equal($"{8082 + i}:{8082 + i}", Port(HospitalServices[i]));
    }

    [Fact]
    public void The_dashboard_waits_for_healthy_dependencies_and_reaches_every_service_by_name()
    {
        var dashboard = Service("dashboard");
        var dependsOn = (YamlMappingNode)dashboard["depends_on"];
        foreach (var dependency in new[] { "redis", "kafka" }.Concat(HospitalServices))
            Assert.Equal("service_healthy", ((YamlScalarNode)((YamlMappingNode)dependsOn[dependency])["condition"]).Value);
        var environment = (YamlMappingNode)dashboard["environment"];
        string Env(string key) => ((YamlScalarNode)environment[key]).Value!;
        Assert.Equal("false", Env("Embedded__Enabled"));
        Assert.Equal("Redis", Env("Cache__Provider"));
        Assert.Equal("Kafka", Env("Events__Provider"));
        Assert.Equal("http://billing:8085", Env("Upstream__Billing__BaseUrl"));
    }

    [Fact]
    public void No_secret_sits_in_the_file()
    {
        foreach (var (name, node) in Services().Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, (YamlMappingNode)kv.Value)))
        {
            if (!node.Children.TryGetValue("environment", out var env)) continue;
            foreach (var (key, value) in ((YamlMappingNode)env).Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, ((YamlScalarNode)kv.Value).Value ?? "")))
                if (key.Contains("Secret", StringComparison.OrdinalIgnoreCase))
                    Assert.True(value.StartsWith("${", StringComparison.Ordinal), $"{name}: {key} is not taken from the environment");
        }
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, ".env.example")));
    }

    [Fact]
    public async Task Docker_compose_accepts_the_file_where_a_compose_client_exists()
    {
        var check = await ProcessRunner.RunAsync("docker", ["compose", "version"], TimeSpan.FromSeconds(30));
        if (check is null || check.Value.ExitCode != 0) return;   // no compose client on this machine: the YAML checks above stand
        var config = await ProcessRunner.RunAsync("docker", ["compose", "-f", "docker-compose.yml", "config", "-q"], TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["GATEWAY_SECRET"] = "compose-config-check-secret" });
        Assert.Equal(0, config!.Value.ExitCode);
    }
}
