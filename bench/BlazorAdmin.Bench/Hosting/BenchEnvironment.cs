using System.Net;
using System.Net.Sockets;

namespace BlazorAdmin.Bench.Hosting;

/// <summary>What bench.sh started for this run (Redis, Kafka), where the repository is, and how long to measure.</summary>
public sealed record BenchEnvironment(string RepoRoot, string RedisEndpoint, string KafkaBootstrap, string ChromiumPath, bool Quick)
{
    /// <summary>Settings a Kafka 0.9 broker needs from every client (no ApiVersion request, no idempotence).</summary>
    public static readonly IReadOnlyDictionary<string, string> Kafka09ClientSettings = new Dictionary<string, string>
    {
        ["api.version.request"] = "false",
        ["broker.version.fallback"] = "0.9.0.1",
    };

    public string ArtifactsDir => Directory.CreateDirectory(Path.Combine(RepoRoot, "artifacts", "bench")).FullName;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
