using System.Globalization;
using AdminDashboard.Core.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminDashboard.Core.Caching;

/// <summary>What Redis says about itself (INFO memory, stats, keyspace).</summary>
public sealed record RedisInfo(long UsedMemoryBytes, long Keys, long KeyspaceHits, long KeyspaceMisses, long EvictedKeys, DateTimeOffset ReadAt);

/// <summary>Reads Redis' INFO every 10 s for the metrics; a dead Redis leaves the last figures and is retried.</summary>
public sealed class RedisInfoCollector(RedisConnection connection, DashboardMetrics metrics, TimeProvider time, ILogger<RedisInfoCollector> logger) : BackgroundService
{
    private volatile RedisInfo? _latest;

    public RedisInfo? Latest => _latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveGauge("dashboard.redis.used_memory", () => _latest?.UsedMemoryBytes ?? 0, "Memory Redis uses", "By");
        metrics.ObserveGauge("dashboard.redis.keys", () => _latest?.Keys ?? 0, "Keys in the dashboard's Redis database");
        metrics.ObserveGauge("dashboard.redis.keyspace_hits", () => _latest?.KeyspaceHits ?? 0, "Redis keyspace hits since it started");
        metrics.ObserveGauge("dashboard.redis.keyspace_misses", () => _latest?.KeyspaceMisses ?? 0, "Redis keyspace misses since it started");
        metrics.ObserveGauge("dashboard.redis.evicted_keys", () => _latest?.EvictedKeys ?? 0, "Keys Redis evicted since it started");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        do
        {
            try
            {
                var multiplexer = await connection.GetAsync(stoppingToken);
                var endpoint = multiplexer.GetEndPoints().FirstOrDefault();
                if (endpoint is null || !multiplexer.IsConnected) continue;
                var server = multiplexer.GetServer(endpoint);
                var info = (await server.InfoAsync()).SelectMany(g => g).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.First().Value);
                long Number(string key) => info.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
                // keyspace line: "keys=12,expires=12,avg_ttl=..."
                var keys = info.TryGetValue("db" + multiplexer.GetDatabase().Database, out var db)
                    ? long.Parse(db.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture) : 0;
                _latest = new RedisInfo(Number("used_memory"), keys, Number("keyspace_hits"), Number("keyspace_misses"), Number("evicted_keys"), time.GetUtcNow());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug("Reading Redis INFO failed: {Message}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
