using System.Text.Json;
using System.Threading.Channels;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Alerts;

/// <summary>
/// <c>Alerts:Webhook:Url</c> pointed at a Kestrel listener in the test: each transition arrives as one JSON POST, a
/// receiver that fails at first gets the same POST again after a backoff, and the alert is raised meanwhile regardless.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AlertWebhookTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string HookPath = "/hooks/alerts";
    private readonly int _hookPort = FreePorts.Take(1)[0];
    private readonly DashboardAppFactory _app = new();
    private readonly Channel<JsonElement> _accepted = Channel.CreateUnbounded<JsonElement>();
    private WebApplication _receiver = default!;
    private readonly List<string> _refused = [];
    private int _failNext;
    private DateTimeOffset _faultAt = DateTimeOffset.MaxValue;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_hookPort}");
        _receiver = builder.Build();
        _receiver.MapPost(HookPath, async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            // The first POST of the fault's alert fails, as a receiver restarting would: the webhook must send it again.
            // (Posts of a slow start's own alerts may still be under way: they are not the one to refuse.)
            if (IsSinceFault(body) && Interlocked.Exchange(ref _failNext, 0) == 1)
            {
                lock (_refused) _refused.Add(body.GetProperty("alert").GetProperty("id").GetString()!);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            await _accepted.Writer.WriteAsync(body);
            return Results.NoContent();
        });
        await _receiver.StartAsync();

        AlertsIntegrationTests.UseShortServiceRule(_app.Settings);
        _app.Settings["Alerts:Webhook:Url"] = $"http://127.0.0.1:{_hookPort}{HookPath}";
        _app.Settings["Alerts:Webhook:RetryDelayMs"] = "50";
        await AlertsIntegrationTests.SettledAsync(_app);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    /// <summary>A post about billing's alert raised since the fault; a slow start may have raised alerts of its own before.</summary>
    private bool IsSinceFault(JsonElement body)
    {
        var alert = body.GetProperty("alert");
        return alert.GetProperty("subject").GetString() == "billing"
            && alert.GetProperty("raisedAt").GetDateTimeOffset() >= _faultAt;
    }

    private async Task<JsonElement> NextBillingPostAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var body = await _accepted.Reader.ReadAsync(timeout.Token);
            if (IsSinceFault(body)) return body;
        }
    }

    [Fact]
    public async Task Each_transition_is_posted_once_as_json_and_a_failed_post_is_retried()
    {
        var board = _app.Services.GetRequiredService<IAlertBoard>();
        _faultAt = _app.Clock.GetUtcNow();
        Volatile.Write(ref _failNext, 1);
        await _app.SetFaultAsync(UpstreamService.Billing, FaultMode.Error);
        await _app.ClearStatsCacheAsync();

        var raised = await NextBillingPostAsync();
        Assert.Equal(AlertEventTypes.Raised, raised.GetProperty("event").GetString());
        var id = raised.GetProperty("alert").GetProperty("id").GetString()!;
        Assert.Equal("raised", raised.GetProperty("alert").GetProperty("state").GetString());
        Assert.Equal(raised.GetProperty("alert").GetProperty("raisedAt").GetDateTimeOffset(), raised.GetProperty("at").GetDateTimeOffset());
        lock (_refused) Assert.Equal([id], _refused);

        Assert.Equal(AcknowledgeOutcome.Acknowledged, await board.AcknowledgeAsync(id, "ana.admin", CancellationToken.None));
        var acknowledged = await NextBillingPostAsync();
        Assert.Equal((AlertEventTypes.Acknowledged, id, "ana.admin"), (acknowledged.GetProperty("event").GetString(),
            acknowledged.GetProperty("alert").GetProperty("id").GetString(), acknowledged.GetProperty("alert").GetProperty("acknowledgedBy").GetString()));

        await _app.ClearFaultsAsync();
        await _app.ClearStatsCacheAsync();
        var resolved = await NextBillingPostAsync();
        Assert.Equal((AlertEventTypes.Resolved, id), (resolved.GetProperty("event").GetString(), resolved.GetProperty("alert").GetProperty("id").GetString()));
        Assert.False(_accepted.Reader.TryRead(out var extra) && extra.GetProperty("alert").GetProperty("id").GetString() == id,
            "a transition was posted twice");
    }
}
