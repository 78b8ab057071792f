using System.Text.Json;
using AdminDashboard.Core.Upstream;
using StackExchange.Redis;

namespace AdminDashboard.Core.Caching;

/// <summary>
/// Redis implementation: values as JSON strings a person can read with redis-cli, TTLs with PX, pattern deletes
/// with SCAN in batches (never KEYS). Throws when Redis fails; <see cref="ResilientDashboardCache"/> decides what then.
/// </summary>
public sealed class RedisDashboardCache(RedisConnection connection) : IDashboardCache
{
    private const int ScanBatch = 500;

    // Compare-and-set on the family's generation, atomically on the server.
    private const string SetIfGenerationScript = """
        local g = redis.call('GET', KEYS[2])
        if (g or '0') == ARGV[3] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
        end
        return 0
        """;

    private async Task<IDatabase> DbAsync(CancellationToken ct) => (await connection.GetAsync(ct)).GetDatabase();

    public async ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class
    {
        var value = await (await DbAsync(cancellationToken)).StringGetAsync(key).WaitAsync(cancellationToken);
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>(value.ToString(), UpstreamJson.Options);
    }

    public async ValueTask SetAsync<T>(string key, T value, TimeSpan ttl, CancellationToken cancellationToken) where T : class
    {
        if (ttl <= TimeSpan.Zero) return;
        await (await DbAsync(cancellationToken)).StringSetAsync(key, JsonSerializer.Serialize(value, UpstreamJson.Options), ttl).WaitAsync(cancellationToken);
    }

    public async ValueTask<bool> SetIfGenerationAsync<T>(string key, T value, TimeSpan ttl, long generation, CancellationToken cancellationToken) where T : class
    {
        if (ttl <= TimeSpan.Zero) return false;
        var written = await (await DbAsync(cancellationToken)).ScriptEvaluateAsync(SetIfGenerationScript,
            [key, CacheKeys.Generation(CacheKeys.FamilyOf(key))],
            [JsonSerializer.Serialize(value, UpstreamJson.Options), (long)ttl.TotalMilliseconds, generation.ToString()]).WaitAsync(cancellationToken);
        return (int)written == 1;
    }

    public async ValueTask<StoredJson?> GetJsonAsync(string key, CancellationToken cancellationToken)
    {
        // GET and PTTL in one round trip: the first level must know when this entry ends.
        var value = await (await DbAsync(cancellationToken)).StringGetWithExpiryAsync(key).WaitAsync(cancellationToken);
        if (value.Value.IsNullOrEmpty) return null;
        return new StoredJson((byte[])value.Value!, value.Expiry ?? CacheKeys.TtlOf(key));
    }

    public async ValueTask<bool> SetJsonIfGenerationAsync(string key, byte[] json, TimeSpan ttl, long generation, CancellationToken cancellationToken)
    {
        if (ttl <= TimeSpan.Zero) return false;
        var written = await (await DbAsync(cancellationToken)).ScriptEvaluateAsync(SetIfGenerationScript,
            [key, CacheKeys.Generation(CacheKeys.FamilyOf(key))],
            [json, (long)ttl.TotalMilliseconds, generation.ToString()]).WaitAsync(cancellationToken);
        return (int)written == 1;
    }

    public async ValueTask<long> GetGenerationAsync(string family, CancellationToken cancellationToken)
    {
        var value = await (await DbAsync(cancellationToken)).StringGetAsync(CacheKeys.Generation(family)).WaitAsync(cancellationToken);
        return value.IsNullOrEmpty ? 0 : (long)value;
    }

    public async ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken)
    {
        // Generation first: a fetch already in flight must not write back after the delete. Both go down the one
        // connection in this order and Redis runs them in that order, so they share a round trip (pipelined).
        var db = await DbAsync(cancellationToken);
        var generation = db.StringIncrementAsync(CacheKeys.Generation(CacheKeys.FamilyOf(key)));
        var deleted = db.KeyDeleteAsync(key);
        await generation.WaitAsync(cancellationToken);
        return await deleted.WaitAsync(cancellationToken);
    }

    public async ValueTask<long> RemoveByPatternAsync(string pattern, CancellationToken cancellationToken)
    {
        var multiplexer = await connection.GetAsync(cancellationToken);
        var db = multiplexer.GetDatabase();
        // Sent before the first SCAN on the same connection, so Redis bumps the generation first; awaited with it.
        var generation = db.StringIncrementAsync(CacheKeys.Generation(CacheKeys.FamilyOf(pattern)));
        long removed = 0;
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            var server = multiplexer.GetServer(endpoint);
            if (!server.IsConnected || server.IsReplica) continue;
            var batch = new List<RedisKey>(ScanBatch);
            // KeysAsync pages with SCAN on every Redis since 2.8.
            await foreach (var key in server.KeysAsync(db.Database, pattern, pageSize: ScanBatch).WithCancellation(cancellationToken))
            {
                batch.Add(key);
                if (batch.Count == ScanBatch)
                {
                    removed += await db.KeyDeleteAsync([.. batch]).WaitAsync(cancellationToken);
                    batch.Clear();
                }
            }
            if (batch.Count > 0)
                removed += await db.KeyDeleteAsync([.. batch]).WaitAsync(cancellationToken);
        }
        await generation.WaitAsync(cancellationToken);
        return removed;
    }
}
