using System.Globalization;
using AdminDashboard.Core.Caching;
using StackExchange.Redis;

namespace AdminDashboard.Audit;

/// <summary>
/// Where audit entries are kept beyond the log: the in-memory list in embedded mode, a Redis stream (which survives a
/// restart and is shared by every instance) when Redis is configured. <see cref="AuditLog"/> is the only writer.
/// </summary>
public interface IAuditSink
{
    void Append(AuditEntry entry);

    /// <summary>The newest entries first.</summary>
    IReadOnlyList<AuditEntry> Recent(int count);
}

/// <summary>The last <see cref="AuditLog.Kept"/> entries of this instance, lost on restart.</summary>
public sealed class MemoryAuditSink : IAuditSink
{
    private readonly Lock _lock = new();
    // A ring: appending (once per audited call) allocates nothing; the oldest is overwritten once it is full.
    private readonly AuditEntry[] _ring = new AuditEntry[AuditLog.Kept];
    private int _next;
    private int _count;

    public void Append(AuditEntry entry)
    {
        lock (_lock)
        {
            _ring[_next] = entry;
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
        }
    }

    public IReadOnlyList<AuditEntry> Recent(int count)
    {
        lock (_lock)
        {
            var newest = new List<AuditEntry>(Math.Min(Math.Max(count, 0), _count));
            for (var i = 1; i <= newest.Capacity; i++) newest.Add(_ring[(_next - i + _ring.Length) % _ring.Length]);
            return newest;
        }
    }
}

/// <summary>
/// The Redis stream <see cref="StreamKey"/>, capped near <see cref="MaxLength"/> entries. Writes do not wait for Redis
/// (fire and forget: an audit record never slows or fails the request it records); while Redis is away the
/// in-memory copy answers the Audit page, and the structured log event remains the record of last resort.
/// </summary>
public sealed class RedisStreamAuditSink(RedisConnection redis, ILogger<RedisStreamAuditSink> logger) : IAuditSink
{
    public const string StreamKey = "admin:audit";
    public const int MaxLength = 100_000;
    private readonly MemoryAuditSink _memory = new();

    public void Append(AuditEntry entry)
    {
        _memory.Append(entry);
        if (!redis.IsConnected) return;
        try
        {
            Database().StreamAdd(StreamKey,
                [
                    new("at", entry.At.ToString("O", CultureInfo.InvariantCulture)), new("user", entry.User), new("userId", entry.UserId),
                    new("action", entry.Action), new("resource", entry.Resource), new("from", entry.From ?? ""),
                ], maxLength: MaxLength, useApproximateMaxLength: true, flags: CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "Could not append to the audit stream {Stream}; the entry is in the log and in memory", StreamKey);
        }
    }

    public IReadOnlyList<AuditEntry> Recent(int count)
    {
        if (!redis.IsConnected) return _memory.Recent(count);
        try
        {
            return [.. Database().StreamRange(StreamKey, "-", "+", count, Order.Descending).Select(Read)];
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "Could not read the audit stream {Stream}; showing this instance's entries", StreamKey);
            return _memory.Recent(count);
        }
    }

    private IDatabase Database() => redis.GetAsync(CancellationToken.None).GetAwaiter().GetResult().GetDatabase();

    private static AuditEntry Read(StreamEntry e)
    {
        string Field(string name) => e[name].ToString();
        return new AuditEntry(DateTimeOffset.Parse(Field("at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Field("user"), Field("userId"), Field("action"), Field("resource"), Field("from") is { Length: > 0 } from ? from : null);
    }
}
