using System.Diagnostics;
using StackExchange.Redis;

namespace AdminDashboard.Tests.Infrastructure;

/// <summary>
/// A real redis-server (Debian's) on a free loopback port, persistence off, with KEYS disabled so that any code
/// path that used it instead of SCAN fails. Can be killed and restarted on the same port mid-test.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; } = FreePorts.Take(1)[0];

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>A client of the test's own, to look at keys and TTLs as redis-cli would.</summary>
    public ConnectionMultiplexer Client { get; private set; } = default!;

    public IDatabase Db => Client.GetDatabase();

    public async Task InitializeAsync()
    {
        await StartAsync();
        Client = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { ConnectionString },
            AbortOnConnectFail = false,
            AllowAdmin = true,
            ReconnectRetryPolicy = new LinearRetry(200),
        });
    }

    public async Task StartAsync()
    {
        var path = Environment.GetEnvironmentVariable("REDIS_SERVER_PATH") ?? "/usr/bin/redis-server";
        if (!File.Exists(path))
            throw new InvalidOperationException($"Redis tests need redis-server at {path}: run ./test.sh (it installs Debian's redis-server) or set REDIS_SERVER_PATH.");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                     "--daemonize", "no", "--protected-mode", "yes", "--rename-command", "KEYS", "",
                     "--notify-keyspace-events", "Kgxe" })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"redis-server did not open port {Port} within 10 s");
    }

    /// <summary>Kills the server outright, as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
    }

    public async Task FlushAsync() => await Client.GetServer(ConnectionString).FlushDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (Client is not null) await Client.DisposeAsync();
        Kill();
        _process?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Redis";
}
