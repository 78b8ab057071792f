using System.Net;
using System.Net.Sockets;

namespace BlazorAdmin.Bench.Hosting;

/// <summary>What bench.sh started for this run (Redis, Kafka), where the repository is, and how long to measure.</summary>
public sealed record BenchEnvironment(string RepoRoot, string RedisEndpoint, string KafkaBootstrap, string ChromiumPath, bool Quick)
{
    /// <summary>Pages the circuits scenario opens, when not its default (20, 5 with --quick): --circuits N.</summary>
    public int? Circuits { get; init; }

    /// <summary>Settings a Kafka 0.9 broker needs from every client (no ApiVersion request, no idempotence).</summary>
    public static readonly IReadOnlyDictionary<string, string> Kafka09ClientSettings = new Dictionary<string, string>
    {
        ["api.version.request"] = "false",
        ["broker.version.fallback"] = "0.9.0.1",
    };

    public string ArtifactsDir => Directory.CreateDirectory(Path.Combine(RepoRoot, "artifacts", "bench")).FullName;

    /// <summary>
    /// A fixed-offset zone (IANA <c>Etc/GMT±N</c>) in which the hospital's clock reads late morning now, so every run
    /// measures the clinic in its opening hours (the simulator and the services are quiet at night, which would make
    /// figures depend on the hour the bench runs). The dashboard and the bench's own simulator both use it.
    /// </summary>
    public static string ClinicHoursTimeZone { get; } = LateMorningZone(DateTimeOffset.UtcNow);

    private static string LateMorningZone(DateTimeOffset utcNow)
    {
        var offset = 11 - utcNow.Hour;               // local 11:xx
        if (offset < -12) offset += 24;
        if (offset > 14) offset -= 24;
        // Etc/GMT names carry the POSIX sign: Etc/GMT-7 is UTC+7.
        return offset == 0 ? "Etc/UTC" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
