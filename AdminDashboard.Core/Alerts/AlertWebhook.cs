using System.Net.Http.Json;
using System.Threading.Channels;
using AdminDashboard.Core.Upstream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Alerts;

/// <summary>What the webhook receives for each transition: <c>{ "event": "alert.raised", "at": …, "alert": { … } }</c>.</summary>
public sealed record AlertWebhookPayload(string Event, DateTimeOffset At, Alert Alert);

/// <summary>
/// <c>Alerts:Webhook:Url</c>: one JSON POST per transition this instance made (another instance posts its own, so each
/// is sent once). Transitions wait in a bounded queue that drops the oldest when full, and a background loop sends them
/// through an HttpClient whose resilience handler retries with exponential backoff: a slow or dead receiver never holds
/// up the evaluator, and never grows memory.
/// </summary>
public sealed class AlertWebhook : BackgroundService
{
    public const string ClientName = "alerts-webhook";

    private readonly IHttpClientFactory _clients;
    private readonly ILogger<AlertWebhook> _logger;
    private readonly Uri? _url;
    private readonly Channel<AlertTransition> _queue;

    public AlertWebhook(AlertBoard board, IHttpClientFactory clients, IOptions<AlertsOptions> options, ILogger<AlertWebhook> logger)
    {
        _clients = clients;
        _logger = logger;
        var o = options.Value.Webhook;
        _url = string.IsNullOrEmpty(o.Url) ? null : new Uri(o.Url);
        _queue = Channel.CreateBounded<AlertTransition>(new BoundedChannelOptions(o.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, dropped => _logger.LogWarning("Alert webhook queue full: dropped the {Event} of {AlertId}", AlertEventTypes.Of(dropped.Alert.State), dropped.Alert.Id));
        if (_url is not null) board.MadeHere += t => _queue.Writer.TryWrite(t);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_url is null) return;
        var client = _clients.CreateClient(ClientName);
        try
        {
            await foreach (var transition in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                var payload = new AlertWebhookPayload(AlertEventTypes.Of(transition.Alert.State), transition.At, transition.Alert);
                try
                {
                    using var response = await client.PostAsJsonAsync(_url, payload, UpstreamJson.Options, stoppingToken);
                    if (!response.IsSuccessStatusCode)
                        _logger.LogWarning("Alert webhook refused the {Event} of {AlertId}: HTTP {Status} after retries", payload.Event, transition.Alert.Id, (int)response.StatusCode);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    _logger.LogWarning(e, "Alert webhook could not take the {Event} of {AlertId} after retries", payload.Event, transition.Alert.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
