using System.Globalization;
using System.Text.Json;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Upstream;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AdminDashboard.Core.Alerts;

/// <summary>The Redis keys and channel of the alerts. The one place that names them.</summary>
public static class AlertKeys
{
    /// <summary>One alert as a hash of its fields; expires <see cref="AlertsOptions.Retention"/> after it resolves.</summary>
    public static string Alert(string id) => $"alerts:alert:{id}";

    /// <summary>The id of the open alert of a rule and subject, set with NX: the one place two instances race, and one wins.</summary>
    public static string Open(string rule, string subject) => $"alerts:open:{AlertIds.Slot(rule, subject)}";

    /// <summary>Every stored alert's id, scored by when it was raised (Unix ms).</summary>
    public const string Recent = "alerts:recent";

    /// <summary>Pub/sub channel: each transition, for the other instances' boards and SSE clients.</summary>
    public const string Transitions = "alerts:transitions";
}

/// <summary>
/// The alerts shared by every instance on one Redis. Each change is one Lua script, so it is atomic: a raise is
/// <c>SET NX</c> on the rule and subject's open slot (the loser is handed the winner's alert), an acknowledgement or a
/// resolve checks the state it changes. Each change is then published on <see cref="AlertKeys.Transitions"/> so other
/// instances show it at once; pub/sub delivers at most once, so instances also re-read the store now and then
/// (<see cref="AlertsOptions.ReconcileSeconds"/>). State survives a restart: open alerts stay, resolved ones expire after
/// <see cref="AlertsOptions.Retention"/>.
/// </summary>
public sealed class RedisAlertStore(RedisConnection connection, ILogger<RedisAlertStore> logger) : IAlertStore
{
    private const string Raise = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
          redis.call('HSET', KEYS[2], 'id', ARGV[1], 'rule', ARGV[2], 'severity', ARGV[3], 'subject', ARGV[4], 'summary', ARGV[5],
            'state', 'raised', 'raisedAt', ARGV[6])
          redis.call('ZADD', KEYS[3], ARGV[7], ARGV[1])
          return ARGV[1]
        end
        return '~' .. (redis.call('GET', KEYS[1]) or '')
        """;

    private const string Acknowledge = """
        local state = redis.call('HGET', KEYS[1], 'state')
        if not state then return 'missing' end
        if state ~= 'raised' then return state end
        redis.call('HSET', KEYS[1], 'state', 'acknowledged', 'acknowledgedBy', ARGV[1], 'acknowledgedAt', ARGV[2])
        return 'ok'
        """;

    private const string Resolve = """
        local state = redis.call('HGET', KEYS[1], 'state')
        if not state then return 'missing' end
        if state == 'resolved' then return state end
        redis.call('HSET', KEYS[1], 'state', 'resolved', 'resolvedAt', ARGV[1])
        redis.call('EXPIRE', KEYS[1], ARGV[2])
        if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
        return 'ok'
        """;

    /// <summary>Frees a slot only if it still names the given alert (a resolved or vanished one).</summary>
    private const string FreeSlot = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    /// <summary>Tells this instance's own messages from the others'.</summary>
    private readonly string _origin = Guid.NewGuid().ToString("N");

    private async Task<IDatabase> DbAsync(CancellationToken cancellationToken) => (await connection.GetAsync(cancellationToken)).GetDatabase();

    public async Task<IReadOnlyList<Alert>> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = await DbAsync(cancellationToken);
        var ids = await db.SortedSetRangeByRankAsync(AlertKeys.Recent);
        var batch = db.CreateBatch();
        var reads = ids.Select(id => (Id: (string)id!, Fields: batch.HashGetAllAsync(AlertKeys.Alert(id!)))).ToList();
        batch.Execute();
        var alerts = new List<Alert>();
        var gone = new List<RedisValue>();
        foreach (var (id, fields) in reads)
        {
            if (FromHash(await fields) is { } alert) alerts.Add(alert);
            else gone.Add(id);
        }
        // Resolved alerts expire on their own; their ids leave the index here.
        if (gone.Count > 0) await db.SortedSetRemoveAsync(AlertKeys.Recent, [.. gone]);
        return alerts;
    }

    public async Task<(Alert Alert, bool Raised)> RaiseAsync(Alert candidate, CancellationToken cancellationToken)
    {
        var db = await DbAsync(cancellationToken);
        var slot = AlertKeys.Open(candidate.Rule, candidate.Subject);
        // Twice at most: a slot left naming a resolved or vanished alert is freed, then the raise is tried again.
        for (var attempt = 0; ; attempt++)
        {
            var result = (string)(await db.ScriptEvaluateAsync(Raise, [slot, AlertKeys.Alert(candidate.Id), AlertKeys.Recent],
            [
                candidate.Id, candidate.Rule, Lower(candidate.Severity), candidate.Subject, candidate.Summary, Time(candidate.RaisedAt),
                candidate.RaisedAt.ToUnixTimeMilliseconds(),
            ]))!;
            if (!result.StartsWith('~'))
            {
                await PublishAsync(db, candidate);
                return (candidate, true);
            }
            var holder = result[1..];
            var existing = FromHash(await db.HashGetAllAsync(AlertKeys.Alert(holder)));
            if (existing is { IsOpen: true } || attempt == 1)
                return existing is null ? (candidate, false) : (existing, false);
            await db.ScriptEvaluateAsync(FreeSlot, [slot], [holder]);
        }
    }

    public async Task<(AcknowledgeOutcome Outcome, Alert? Alert)> AcknowledgeAsync(string id, string acknowledgedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var db = await DbAsync(cancellationToken);
        var key = AlertKeys.Alert(id);
        var result = (string)(await db.ScriptEvaluateAsync(Acknowledge, [key], [acknowledgedBy, Time(at)]))!;
        if (result == "missing") return (AcknowledgeOutcome.NotFound, null);
        var alert = FromHash(await db.HashGetAllAsync(key));
        var outcome = result switch
        {
            "ok" => AcknowledgeOutcome.Acknowledged,
            "resolved" => AcknowledgeOutcome.AlreadyResolved,
            _ => AcknowledgeOutcome.AlreadyAcknowledged,
        };
        if (outcome == AcknowledgeOutcome.Acknowledged && alert is not null) await PublishAsync(db, alert);
        return (outcome, alert);
    }

    public async Task<(bool Resolved, Alert? Alert)> ResolveAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var db = await DbAsync(cancellationToken);
        var key = AlertKeys.Alert(id);
        var known = FromHash(await db.HashGetAllAsync(key));
        if (known is null) return (false, null);
        var result = (string)(await db.ScriptEvaluateAsync(Resolve, [key, AlertKeys.Open(known.Rule, known.Subject)],
            [Time(at), (long)AlertsOptions.Retention.TotalSeconds, id]))!;
        var alert = FromHash(await db.HashGetAllAsync(key));
        if (result != "ok" || alert is null) return (false, alert);
        await PublishAsync(db, alert);
        return (true, alert);
    }

    public async Task<IAsyncDisposable?> ListenToOthersAsync(Action<Alert> changed, CancellationToken cancellationToken)
    {
        var subscriber = (await connection.GetAsync(cancellationToken)).GetSubscriber();
        var channel = RedisChannel.Literal(AlertKeys.Transitions);
        var queue = await subscriber.SubscribeAsync(channel);
        queue.OnMessage(message =>
        {
            try
            {
                var published = JsonSerializer.Deserialize<Published>((string)message.Message!, UpstreamJson.Options);
                if (published is not null && published.Origin != _origin) changed(published.Alert);
            }
            catch (JsonException e)
            {
                logger.LogWarning(e, "Ignored an unreadable message on {Channel}", AlertKeys.Transitions);
            }
        });
        return new Listening(queue);
    }

    private async Task PublishAsync(IDatabase db, Alert alert)
    {
        try
        {
            await db.PublishAsync(RedisChannel.Literal(AlertKeys.Transitions), JsonSerializer.Serialize(new Published(_origin, alert), UpstreamJson.Options));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Stored already: the other instances find it when they next re-read the store.
            logger.LogWarning(e, "Could not publish the transition of alert {AlertId}", alert.Id);
        }
    }

    private sealed record Published(string Origin, Alert Alert);

    private sealed class Listening(ChannelMessageQueue queue) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await queue.UnsubscribeAsync();
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static Alert? FromHash(HashEntry[] entries)
    {
        if (entries.Length == 0) return null;
        var f = entries.ToDictionary(e => (string)e.Name!, e => (string?)e.Value);
        static DateTimeOffset? At(string? value) => value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        if (f.GetValueOrDefault("id") is not { } id || f.GetValueOrDefault("rule") is not { } rule || At(f.GetValueOrDefault("raisedAt")) is not { } raisedAt
            || !Enum.TryParse<AlertState>(f.GetValueOrDefault("state"), ignoreCase: true, out var state)
            || !Enum.TryParse<AlertSeverity>(f.GetValueOrDefault("severity"), ignoreCase: true, out var severity))
            return null;
        return new Alert(id, rule, severity, f.GetValueOrDefault("subject") ?? "", f.GetValueOrDefault("summary") ?? "", state, raisedAt,
            f.GetValueOrDefault("acknowledgedBy"), At(f.GetValueOrDefault("acknowledgedAt")), At(f.GetValueOrDefault("resolvedAt")));
    }
}
