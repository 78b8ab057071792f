using System.Text.RegularExpressions;
using AdminDashboard.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace AdminDashboard.Tests.Operations;

/// <summary>
/// docker-compose.yml describes the distributed stack. Its shape and exposure are checked as YAML everywhere; where a
/// compose client exists, `docker compose config` checks it too, and elsewhere that test reports itself skipped.
/// </summary>
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

    private static string Env(string service, string key) => ((YamlScalarNode)((YamlMappingNode)Service(service)["environment"])[key]).Value!;

    private static List<string> Ports(string service) =>
        Service(service).Children.TryGetValue("ports", out var ports)
            ? ((YamlSequenceNode)ports).Children.Select(p => ((YamlScalarNode)p).Value!).ToList()
            : [];

    private static IEnumerable<string> KafkaClients => [.. HospitalServices, "dashboard"];

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
    public void Redis_and_kafka_are_published_on_no_host_interface()
    {
        Assert.Empty(Ports("redis"));
        Assert.Empty(Ports("kafka"));
    }

    [Fact]
    public void The_dashboard_binds_loopback_8080_unless_dashboard_bind_says_otherwise_and_the_services_loopback_only()
    {
        Assert.Equal(["${DASHBOARD_BIND:-127.0.0.1:8080}:8080"], Ports("dashboard"));
        for (var i = 0; i < HospitalServices.Length; i++)
            Assert.Equal([$"127.0.0.1:{8082 + i}:{8082 + i}"], Ports(HospitalServices[i]));
    }

    [Fact]
    public void Redis_requires_the_password_from_env_and_the_dashboard_sends_it()
    {
        Assert.Equal("${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}", Env("redis", "REDIS_PASSWORD"));
        var command = string.Join(' ', ((YamlSequenceNode)Service("redis")["command"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Contains("requirepass", command);
        Assert.Contains("$$REDIS_PASSWORD", command);
        Assert.Contains("REDISCLI_AUTH", string.Join(' ', ((YamlSequenceNode)((YamlMappingNode)Service("redis")["healthcheck"])["test"]).Children));
        Assert.EndsWith(",password=${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}", Env("dashboard", "ConnectionStrings__Redis"));
    }

    [Fact]
    public void Kafka_listens_for_sasl_plain_only_and_every_client_authenticates_with_the_credentials_from_env()
    {
        Assert.Equal("SASL_PLAINTEXT://:9092,CONTROLLER://:9093", Env("kafka", "KAFKA_LISTENERS"));
        Assert.Equal("SASL_PLAINTEXT://kafka:9092", Env("kafka", "KAFKA_ADVERTISED_LISTENERS"));
        Assert.Equal("PLAIN", Env("kafka", "KAFKA_SASL_ENABLED_MECHANISMS"));
        Assert.Contains("PlainLoginModule required", Env("kafka", "KAFKA_LISTENER_NAME_SASL__PLAINTEXT_PLAIN_SASL_JAAS_CONFIG"));
        foreach (var client in KafkaClients)
        {
            Assert.Equal((client, "SASL_PLAINTEXT"), (client, Env(client, "Kafka__Client__security.protocol")));
            Assert.Equal((client, "PLAIN"), (client, Env(client, "Kafka__Client__sasl.mechanism")));
            Assert.Equal((client, "${KAFKA_USERNAME:?set KAFKA_USERNAME in .env}"), (client, Env(client, "Kafka__Client__sasl.username")));
            Assert.Equal((client, "${KAFKA_PASSWORD:?set KAFKA_PASSWORD in .env}"), (client, Env(client, "Kafka__Client__sasl.password")));
        }
    }

    [Fact]
    public void The_dashboard_waits_for_healthy_dependencies_and_reaches_every_service_by_name()
    {
        var dependsOn = (YamlMappingNode)Service("dashboard")["depends_on"];
        foreach (var dependency in new[] { "redis", "kafka" }.Concat(HospitalServices))
            Assert.Equal("service_healthy", ((YamlScalarNode)((YamlMappingNode)dependsOn[dependency])["condition"]).Value);
        Assert.Equal("false", Env("dashboard", "Embedded__Enabled"));
        Assert.Equal("false", Env("dashboard", "Simulator__Enabled"));
        Assert.Equal("Redis", Env("dashboard", "Cache__Provider"));
        Assert.Equal("Kafka", Env("dashboard", "Events__Provider"));
        Assert.Equal("http://billing:8085", Env("dashboard", "Upstream__Billing__BaseUrl"));
    }

    [Fact]
    public void The_dashboard_always_runs_as_production_and_env_example_never_suggests_development()
    {
        Assert.Equal("Production", Env("dashboard", "ASPNETCORE_ENVIRONMENT"));
        var example = File.ReadAllText(Path.Combine(RepoPaths.Root, ".env.example"));
        Assert.DoesNotContain("Development", example, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(new Regex("^DASHBOARD_BIND=127\\.0\\.0\\.1:8080$", RegexOptions.Multiline), example);
    }

    [Fact]
    public void No_secret_sits_in_the_file()
    {
        foreach (var (name, node) in Services().Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, (YamlMappingNode)kv.Value)))
        {
            if (!node.Children.TryGetValue("environment", out var env)) continue;
            foreach (var (key, value) in ((YamlMappingNode)env).Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, ((YamlScalarNode)kv.Value).Value ?? "")))
                if (key.Contains("Secret", StringComparison.OrdinalIgnoreCase) || key.Contains("Password", StringComparison.OrdinalIgnoreCase))
                    Assert.True(value.StartsWith("${", StringComparison.Ordinal), $"{name}: {key} is not taken from the environment");
        }
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, ".env.example")));
    }

    [SkippableFact]
    public async Task Docker_compose_accepts_the_file_where_a_compose_client_exists()
    {
        var check = await ProcessRunner.RunAsync("docker", ["compose", "version"], TimeSpan.FromSeconds(30));
        Skip.If(check is null || check.Value.ExitCode != 0, "no docker compose client on this machine: the YAML checks above stand alone");
        var config = await ProcessRunner.RunAsync("docker", ["compose", "-f", "docker-compose.yml", "config", "-q"], TimeSpan.FromMinutes(1),
            new Dictionary<string, string>
            {
                ["GATEWAY_SECRET"] = "compose-config-check-secret", ["REDIS_PASSWORD"] = "compose-config-check-redis",
                ["KAFKA_USERNAME"] = "blazoradmin", ["KAFKA_PASSWORD"] = "compose-config-check-kafka",
                ["AZUREAD_TENANT_ID"] = "tenant", ["AZUREAD_CLIENT_ID"] = "client", ["AZUREAD_CLIENT_SECRET"] = "secret",
            });
        Assert.Equal(0, config!.Value.ExitCode);
    }
}
