using AdminDashboard.Core.Caching;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AdminDashboard.Auth;

/// <summary>
/// The keys that protect sign-in cookies, antiforgery tokens and Blazor circuit state. With the Redis cache configured
/// they live in Redis (what <c>PersistKeysToStackExchangeRedis</c> sets up), so every dashboard instance behind a load
/// balancer reads what another wrote: a cookie issued by one is accepted by the other, and a circuit prerendered on one
/// can start on the other. While Redis cannot be reached an instance carries on with the keys it knows
/// (<see cref="FallbackXmlRepository"/>). Without Redis (embedded mode, one process) the framework's per-machine key
/// ring is kept.
/// </summary>
public static class DataProtectionExtensions
{
    /// <summary>The Redis key holding the key ring; the only Redis key outside the cache's table (CacheKeys).</summary>
    public const string KeyRingKey = "blazoradmin:data-protection:keys";

    /// <summary>One name for every instance: the default (the content root) differs between hosts and images.</summary>
    public const string ApplicationName = "BlazorAdmin";

    public static IServiceCollection AddDashboardDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<DataProtectionRedis>();
        // From the bound cache options, when the key ring is first needed, not from configuration read at registration.
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<CacheOptions>, DataProtectionRedis, ILoggerFactory>((keys, cache, redis, loggers) =>
        {
            if (cache.Value.Provider == CacheProvider.Redis && !string.IsNullOrWhiteSpace(cache.Value.RedisConnectionString))
                keys.XmlRepository = new FallbackXmlRepository(
                    new RedisXmlRepository(() => redis.Database(cache.Value.RedisConnectionString!), KeyRingKey),
                    loggers.CreateLogger(typeof(FallbackXmlRepository)));
        });
        return services;
    }

    /// <summary>
    /// A multiplexer of its own, with timeouts of its own: the key ring is read rarely (at first use, then about once a
    /// day) and should not give up after the cache's 150 ms, nor hold a request for the client's default 5 s while Redis
    /// is down. Connects on first use, so start-up does not wait on Redis.
    /// </summary>
    private sealed class DataProtectionRedis : IDisposable
    {
        private readonly Lock _lock = new();
        private ConnectionMultiplexer? _connection;

        public IDatabase Database(string connectionString)
        {
            lock (_lock)
            {
                if (_connection is null)
                {
                    var options = ConfigurationOptions.Parse(connectionString);
                    options.AbortOnConnectFail = false;
                    options.ClientName = "blazoradmin-data-protection";
                    options.ConnectTimeout = 1000;
                    options.SyncTimeout = 1000;
                    options.AsyncTimeout = 1000;
                    _connection = ConnectionMultiplexer.Connect(options);
                }
                return _connection.GetDatabase();
            }
        }

        public void Dispose() => _connection?.Dispose();
    }
}
