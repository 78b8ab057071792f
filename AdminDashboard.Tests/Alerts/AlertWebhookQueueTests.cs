using System.Net;
using System.Net.Sockets;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Caching;
using AdminDashboard.Tests.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static AdminDashboard.Tests.Alerts.AlertFixtures;

namespace AdminDashboard.Tests.Alerts;

/// <summary>
/// A receiver that accepts connections and never answers: raising goes on regardless (the webhook only queues), and the
/// queue stays at its bound, dropping the oldest transitions with a warning.
/// </summary>
public sealed class AlertWebhookQueueTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task InitializeAsync()
    {
        _silent.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await _silent.AcceptTcpClientAsync(_stop.Token);
                    lock (_held) _held.Add(client);
                    _firstConnection.TrySetResult();
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _stop.Cancel();
        _silent.Stop();
        lock (_held) _held.ForEach(c => c.Dispose());
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_receiver_that_never_answers_holds_up_no_raise_and_the_queue_drops_the_oldest()
    {
        var port = ((IPEndPoint)_silent.LocalEndpoint).Port;
        var collector = new FakeLogCollector();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)));
        services.AddOptions<CacheOptions>();
        services.AddDashboardAlerts(OptionsValidation.Settings(
            ("Alerts:Webhook:Url", $"http://127.0.0.1:{port}/hook"), ("Alerts:Webhook:QueueCapacity", "2"), ("Alerts:Webhook:TimeoutMs", "600000")));
        await using var provider = services.BuildServiceProvider();
        var webhook = provider.GetRequiredService<AlertWebhook>();
        await webhook.StartAsync(CancellationToken.None);
        var board = provider.GetRequiredService<AlertBoard>();
        var rule = Rule(AlertRuleKind.StockOut, threshold: 3, id: "stock-out");

        await board.RaiseAsync(rule, new AlertCondition("Item 0", "Item 0 is out of stock."), Start, CancellationToken.None);
        await _firstConnection.Task.WaitAsync(Patience);
        for (var i = 1; i <= 20; i++)
            await board.RaiseAsync(rule, new AlertCondition($"Item {i}", $"Item {i} is out of stock."), Start.AddSeconds(i), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(21, board.Current.Open.Length);
        Assert.Contains(collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.StartsWith("Alert webhook queue full: dropped the alert.raised of stock-out.item-"));
        await webhook.StopAsync(CancellationToken.None);
    }
}
