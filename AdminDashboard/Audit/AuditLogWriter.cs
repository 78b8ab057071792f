using System.Threading.Channels;

namespace AdminDashboard.Audit;

/// <summary>
/// Writes the audit log events in batches on a background reader, so a request only enqueues its entry. A clean
/// shutdown writes every entry still queued before the host stops (the queue is unbounded: an entry is never dropped).
/// </summary>
public sealed partial class AuditLogWriter(ILoggerFactory logs) : BackgroundService
{
    public const string Category = "BlazorAdmin.Audit";
    private const int Batch = 256;
    private const int AuditEventId = 9001;
    private readonly ILogger _logger = logs.CreateLogger(Category);
    private readonly Channel<AuditEntry> _queue = Channel.CreateUnbounded<AuditEntry>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(AuditEntry entry)
    {
        // After shutdown has begun the reader is draining or gone: write it here rather than lose it.
        if (!_queue.Writer.TryWrite(entry)) Write(entry);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not tied to stoppingToken: the reader ends when StopAsync completes the queue and it is empty.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            for (var i = 0; i < Batch && _queue.Reader.TryRead(out var entry); i++) Write(entry);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } reader) await reader.WaitAsync(cancellationToken);
        await base.StopAsync(cancellationToken);
    }

    private void Write(AuditEntry entry) => LogAudit(_logger, entry.Action, entry.Resource, entry.User, entry.UserId, entry.From);

    // Generated: the fields travel as a struct, not an array of objects, and the message is formatted only if written.
    [LoggerMessage(EventId = AuditEventId, EventName = "Audit", Level = LogLevel.Information, Message = "Audit: {Action} {Resource} by {User} ({UserId}) from {From}")]
    private static partial void LogAudit(ILogger logger, string action, string resource, string user, string userId, string? from);
}
