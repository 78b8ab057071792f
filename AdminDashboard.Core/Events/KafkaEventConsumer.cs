using System.Diagnostics;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Live;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Events;

/// <summary>
/// Consumes the event topics on its own thread. Offsets are stored only after the pipeline has invalidated the
/// cache and told the hub (at-least-once; the pipeline drops duplicates by eventId). A probe checks the broker
/// every second, so the hub says "live updates paused" within seconds of an outage and "live" again after it;
/// the consumer keeps its position meanwhile, so events produced during the outage are applied afterwards.
/// </summary>
public sealed class KafkaEventConsumer(
    IOptions<KafkaOptions> options, EventPipeline pipeline, LiveUpdates hub, DashboardMetrics metrics,
    ILogger<KafkaEventConsumer> logger) : BackgroundService
{
    private long _lag;
    private volatile bool _assigned;

    /// <summary>The whole group's lag: messages not yet read, summed over every assigned partition.</summary>
    public long Lag => Interlocked.Read(ref _lag);

    /// <summary>How often every assigned partition's lag is re-read while messages flow; between times only the delivering partition's.</summary>
    private static readonly TimeSpan LagRefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>True once partitions are assigned: from then on no published event is missed.</summary>
    public bool IsAssigned => _assigned;

    public string GroupId { get; } = options.Value.GroupId
        ?? $"blazoradmin-dashboard-{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid():N}";

    internal ConsumerConfig BuildConfig()
    {
        var o = options.Value;
        var config = new ConsumerConfig
        {
            BootstrapServers = o.BootstrapServers,
            GroupId = GroupId,
            ClientId = "blazoradmin-dashboard",
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 1000,
            // Stored only after handling: a crash re-delivers, never skips.
            EnableAutoOffsetStore = false,
            // A new instance starts from now: it fetches current figures itself, and old events are not news.
            AutoOffsetReset = AutoOffsetReset.Latest,
            TopicMetadataRefreshIntervalMs = 5000,
        };
        foreach (var (key, value) in o.ConsumerSettings) config.Set(key, value);
        return config;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveConsumerLag(() => Interlocked.Read(ref _lag));
        var consume = Task.Factory.StartNew(() => SupervisedConsumeLoop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var probe = ProbeLoopAsync(stoppingToken);
        return Task.WhenAll(consume, probe);
    }

    /// <summary>Restarts the consumer after any failure, with a growing pause: live updates never end for good, nor take the app down.</summary>
    private void SupervisedConsumeLoop(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                ConsumeLoop(stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                _assigned = false;
                _consumerRunning = false;
                logger.LogError(e, "Kafka consumer failed; restarting in {Backoff}", backoff);
                hub.SetStatus(false, "the event consumer is restarting");
                stoppingToken.WaitHandle.WaitOne(backoff);
                backoff = TimeSpan.FromSeconds(Math.Min(30, backoff.TotalSeconds * 2));
            }
        }
    }

    private volatile bool _consumerRunning;

    private void ConsumeLoop(CancellationToken stoppingToken)
    {
        // Touched only on this thread: the handlers below run inside Consume.
        var progress = new Dictionary<TopicPartition, PartitionProgress>();
        var lastFullLagRead = 0L;
        using var consumer = new ConsumerBuilder<string?, string>(BuildConfig())
            .SetErrorHandler((_, e) => logger.LogDebug("Kafka consumer: {Code} {Reason}", e.Code, e.Reason))
            .SetPartitionsAssignedHandler((c, partitions) =>
            {
                var start = StartOffsets(c, partitions);
                foreach (var s in start) progress[s.TopicPartition] = new PartitionProgress(-1, -1, s.Offset.Value);
                _assigned = true;
                logger.LogInformation("Consuming {Partitions} as group {GroupId}", string.Join(", ", start), GroupId);
                return start;
            })
            .SetPartitionsRevokedHandler((_, revoked) =>
            {
                _assigned = false;
                foreach (var p in revoked) progress.Remove(p.TopicPartition);
                Interlocked.Exchange(ref _lag, ConsumerLag.Total(progress.Values));
            })
            .Build();
        consumer.Subscribe(EventTopics.All);
        _consumerRunning = true;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<string?, string>? result;
                try
                {
                    result = consumer.Consume(stoppingToken);
                }
                catch (ConsumeException e) when (e.Error.Code is ErrorCode.Local_KeyDeserialization or ErrorCode.Local_ValueDeserialization)
                {
                    // Bytes that are not even text: counted and skipped; the broker moves us on.
                    metrics.RecordEventFailed(e.ConsumerRecord?.Topic ?? "unknown", "unreadable");
                    logger.LogWarning("Skipped an unreadable message: {Reason}", e.Error.Reason);
                    continue;
                }
                catch (ConsumeException e)
                {
                    // Broker or topic trouble, not a bad message: the probe reports the outage.
                    logger.LogDebug("Kafka consume: {Code} {Reason}", e.Error.Code, e.Error.Reason);
                    continue;
                }
                if (result?.Message is null) continue;
                HandleWithRetries(result, stoppingToken);
                consumer.StoreOffset(result);
                UpdateLag(consumer, result, progress, ref lastFullLagRead);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            try { consumer.Close(); }
            catch (KafkaException e) { logger.LogDebug("Closing the consumer: {Reason}", e.Error.Reason); }
        }
    }

    /// <summary>
    /// The group's lag from librdkafka's cached watermarks and local positions: no broker round trip. The delivering
    /// partition is updated on every message; every assigned partition once a second, so a backlog on partitions
    /// not yet read shows too.
    /// </summary>
    private void UpdateLag(IConsumer<string?, string> consumer, ConsumeResult<string?, string> result,
        Dictionary<TopicPartition, PartitionProgress> progress, ref long lastFullRead)
    {
        if (Stopwatch.GetElapsedTime(lastFullRead) >= LagRefreshInterval)
        {
            lastFullRead = Stopwatch.GetTimestamp();
            try
            {
                foreach (var (partition, known) in progress.ToList())
                    progress[partition] = known with
                    {
                        HighWatermark = consumer.GetWatermarkOffsets(partition).High.Value,
                        Position = consumer.Position(partition).Value,
                    };
            }
            catch (KafkaException e)
            {
                // A partition taken away mid-read: the next rebalance callback settles the set; the figure must not stop the stream.
                logger.LogDebug("Reading the consumer lag: {Reason}", e.Error.Reason);
            }
        }
        var delivering = progress.GetValueOrDefault(result.TopicPartition);
        progress[result.TopicPartition] = delivering with
        {
            HighWatermark = consumer.GetWatermarkOffsets(result.TopicPartition).High.Value,
            Position = result.Offset.Value + 1,
        };
        Interlocked.Exchange(ref _lag, ConsumerLag.Total(progress.Values));
    }

    /// <summary>
    /// The pipeline only throws on a bug or an unexpected dependency failure (the cache degrades by itself):
    /// a few tries with a pause, then the message is counted as failed and passed, so one message cannot stall the stream.
    /// </summary>
    private void HandleWithRetries(ConsumeResult<string?, string> result, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                pipeline.HandleAsync(result.Topic, result.Message.Value, stoppingToken).GetAwaiter().GetResult();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < 3)
            {
                logger.LogWarning(e, "Handling {Topic} offset {Offset} failed (try {Attempt}); retrying", result.Topic, result.Offset, attempt);
                stoppingToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                metrics.RecordEventFailed(result.Topic, "handler-error");
                logger.LogError(e, "Handling {Topic} offset {Offset} failed {Attempt} times; skipping it", result.Topic, result.Offset, attempt);
                return;
            }
        }
    }

    /// <summary>
    /// Where to start on each assigned partition: the group's committed offset, or for a new group the current end,
    /// committed at once. Without that commit, a rebalance during a broker outage (before the first message) would
    /// restart from the end again and skip whatever was published meanwhile.
    /// </summary>
    private List<TopicPartitionOffset> StartOffsets(IConsumer<string?, string> consumer, List<TopicPartition> partitions)
    {
        var timeout = TimeSpan.FromSeconds(5);
        try
        {
            var committed = consumer.Committed(partitions, timeout);
            var start = committed.Select(c => c.Offset.Value >= 0
                ? c
                : new TopicPartitionOffset(c.TopicPartition, consumer.QueryWatermarkOffsets(c.TopicPartition, timeout).High)).ToList();
            var fresh = start.Where((s, i) => committed[i].Offset.Value < 0 && s.Offset.Value >= 0).ToList();
            if (fresh.Count > 0) consumer.Commit(fresh);
            return start;
        }
        catch (KafkaException e)
        {
            // Broker gone again mid-assignment: fall back to the group's defaults; the next assignment retries.
            logger.LogWarning("Could not resolve start offsets ({Reason}); using the group defaults", e.Error.Reason);
            return partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset)).ToList();
        }
    }

    private async Task ProbeLoopAsync(CancellationToken stoppingToken)
    {
        var config = new AdminClientConfig { BootstrapServers = options.Value.BootstrapServers, ClientId = "blazoradmin-dashboard-probe" };
        foreach (var (key, value) in options.Value.Client) config.Set(key, value);
        using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        var interval = TimeSpan.FromMilliseconds(options.Value.HealthProbeIntervalMs);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Run(() => admin.GetMetadata(EventTopics.All[0], TimeSpan.FromSeconds(2)), stoppingToken);
                failures = 0;
                if (!hub.Status.IsLive && _consumerRunning)
                {
                    logger.LogInformation("Kafka broker reachable: live updates on");
                    hub.SetStatus(true, null);
                }
            }
            catch (KafkaException e)
            {
                // Two misses in a row, so one slow answer does not flap the banner.
                if (++failures >= 2 && (hub.Status.IsLive || hub.Status.IsStarting))
                {
                    logger.LogWarning("Kafka broker unreachable ({Reason}): live updates paused", e.Error.Reason);
                    hub.SetStatus(false, "the event broker is unreachable");
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try { await Task.Delay(interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
