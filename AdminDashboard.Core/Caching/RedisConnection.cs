using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AdminDashboard.Core.Caching;

/// <summary>
/// The one multiplexer of this process. Connects in the background (the app starts and serves without Redis)
/// and reconnects by itself when Redis comes back.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Task<ConnectionMultiplexer> _connecting;

    public RedisConnection(IOptions<CacheOptions> options, ILogger<RedisConnection> logger)
    {
        var o = options.Value;
        var config = ConfigurationOptions.Parse(o.RedisConnectionString!);
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = o.Redis.ConnectTimeoutMs;
        config.AsyncTimeout = o.Redis.OperationTimeoutMs;
        config.SyncTimeout = o.Redis.OperationTimeoutMs;
        config.ReconnectRetryPolicy = new LinearRetry(o.Redis.ReconnectIntervalMs);
        // Commands while disconnected fail at once instead of queueing behind a dead connection.
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.ClientName ??= "blazoradmin";
        _connecting = Task.Run(async () =>
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(config);
            multiplexer.ConnectionFailed += (_, e) => logger.LogDebug("Redis connection to {Endpoint} failed: {Failure}", e.EndPoint, e.FailureType);
            multiplexer.ConnectionRestored += (_, e) => logger.LogDebug("Redis connection to {Endpoint} restored", e.EndPoint);
            return multiplexer;
        });
    }

    /// <summary>The multiplexer once its first connection attempt has finished (connected or not).</summary>
    public Task<ConnectionMultiplexer> GetAsync(CancellationToken cancellationToken) => _connecting.WaitAsync(cancellationToken);

    public bool IsConnected => _connecting.IsCompletedSuccessfully && _connecting.Result.IsConnected;

    public void Dispose()
    {
        if (_connecting.IsCompletedSuccessfully) _connecting.Result.Dispose();
    }
}
