using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AdminDashboard.Core.Caching;

/// <summary>
/// Keeps the first level from outliving a Redis entry that went away other than by an event (deleted by hand or by a
/// tool, evicted): listens to Redis keyspace notifications of the dashboard's keys. Needs
/// <c>notify-keyspace-events</c> to include <c>Kgxe</c> (the bench, the tests and scripts/dev-up.sh start Redis so);
/// without it, such an entry is still bounded by its TTL, and events keep the first level coherent as they always do.
/// </summary>
public sealed class RedisKeyspaceWatcher(RedisConnection connection, FirstLevelCache firstLevel, ILogger<RedisKeyspaceWatcher> logger) : BackgroundService
{
    /// <summary>The notifications that mean the value is gone.</summary>
    private static readonly HashSet<string> Gone = new(StringComparer.Ordinal) { "del", "expired", "evicted", "unlink" };

    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once Redis has confirmed the subscription.</summary>
    public Task Subscribed => _subscribed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var multiplexer = await connection.GetAsync(stoppingToken);
            var db = multiplexer.GetDatabase().Database;
            var prefix = $"__keyspace@{db}__:";
            await multiplexer.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(prefix + CacheKeys.AllOf("admin")), (channel, message) =>
            {
                if (Gone.Contains(message.ToString())) firstLevel.Forget(channel.ToString()[prefix.Length..]);
            });
            _subscribed.TrySetResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The subscription is an extra: entries still end with their TTL and with every event.
            logger.LogWarning(e, "Could not subscribe to Redis keyspace notifications; the first level relies on events and TTLs alone");
        }
    }
}
