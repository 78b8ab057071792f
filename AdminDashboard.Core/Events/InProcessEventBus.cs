using System.Threading.Channels;
using AdminDashboard.Core.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminDashboard.Core.Events;

/// <summary>
/// The bus of embedded mode: the in-process services publish JSON messages here, and one reader hands them to the
/// same <see cref="EventPipeline"/> the Kafka consumer uses.
/// </summary>
public sealed class InProcessEventBus(EventPipeline pipeline, LiveUpdates hub, ILogger<InProcessEventBus> logger) : BackgroundService
{
    private readonly Channel<(string Topic, string Payload)> _messages = Channel.CreateUnbounded<(string, string)>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(string topic, string payload) => _messages.Writer.TryWrite((topic, payload));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        hub.SetStatus(true, null);
        try
        {
            await foreach (var (topic, payload) in _messages.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await pipeline.HandleAsync(topic, payload, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Handling an in-process event on {Topic} failed", topic);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
