using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using HospitalServices.Contracts;
using HospitalServices.Hosting;

namespace AdminDashboard.Tests.Events;

/// <summary>Embedded mode: the same live behaviour over the in-process bus, and the SSE stream for tools.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed class EmbeddedLiveUpdatesTests(DashboardAppFactory app) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public async Task InitializeAsync()
    {
        await app.ClearFaultsAsync();
        await app.EnsureWarmAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_simulated_payment_marks_the_stats_stale_and_its_background_refresh_serves_the_new_revenue_as_a_hit()
    {
        var before = (await app.GetStatsAsync()).GetProperty("data");
        using var probe = new HubProbe(app.Services);
        var firstLevel = app.Services.GetRequiredService<FirstLevelCache>();
        var refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRefreshed(string key) { if (key == CacheKeys.Stats) refreshed.TrySetResult(); }
        firstLevel.Refreshed += OnRefreshed;
        try
        {
            using var response = await app.ServiceAdmin(UpstreamService.Billing).SimulateAsync(HospitalEventTypes.PaymentCompleted);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var paymentId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entity").GetProperty("id").GetInt32().ToString();

            var seen = await probe.WaitForEventAsync(e => e.EventType == EventTopics.PaymentCompleted && e.PaymentId == paymentId, Patience);
            Assert.True(seen.Amount > 0);
            // Not dropped: the entry stays (stale) until the refresh the event started replaces it.
            Assert.NotNull(firstLevel.TryGet(CacheKeys.Stats));
            await refreshed.Task.WaitAsync(Patience);
        }
        finally
        {
            firstLevel.Refreshed -= OnRefreshed;
        }
        var after = (await app.GetStatsAsync()).GetProperty("data");
        Assert.True(after.GetProperty("fromCache").GetBoolean());
        Assert.True(after.GetProperty("revenueToday").GetInt64() > before.GetProperty("revenueToday").GetInt64());
    }

    [Fact]
    public async Task An_sse_client_receives_appointment_created_after_a_simulate_call()
    {
        using var client = app.CreateApiClient(TestTokens.Admin());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(Patience);
        Assert.Equal("event: status", await reader.ReadLineAsync(timeout.Token));

        using var simulated = await app.ServiceAdmin(UpstreamService.Appointments).SimulateAsync(HospitalEventTypes.AppointmentCreated);
        var appointmentId = (await simulated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entity").GetProperty("id").GetInt32();

        string? eventLine = null, dataLine = null;
        while (dataLine is null)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
            if (line == "event: appointment.created") eventLine = line;
            else if (eventLine is not null && line.StartsWith("data: ")) dataLine = line[6..];
        }
        var data = JsonDocument.Parse(dataLine).RootElement;
        Assert.Equal(appointmentId.ToString(), data.GetProperty("appointmentId").GetString());
        Assert.StartsWith("New appointment: ", data.GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_sse_stream_needs_the_admin_role()
    {
        using var anonymous = app.CreateApiClient(null);
        using var nurse = app.CreateApiClient(TestTokens.Create("Nurse"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/admin/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync("/v1/admin/events")).StatusCode);
    }

    [Fact]
    public async Task An_sse_client_that_disconnects_leaves_no_subscription_behind()
    {
        // An app of its own: on the shared one, other tests' streams and pages come and go and move the count.
        await using var own = new DashboardAppFactory();
        var hub = own.Services.GetRequiredService<AdminDashboard.Core.Live.LiveUpdates>();
        var before = hub.SubscriberCount;
        using (var client = own.CreateApiClient(TestTokens.Admin()))
        {
            using var response = await client.GetAsync("/v1/admin/events", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            using var timeout = new CancellationTokenSource(Patience);
            await reader.ReadLineAsync(timeout.Token);
            Assert.Equal(before + 1, hub.SubscriberCount);
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (hub.SubscriberCount != before && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        Assert.Equal(before, hub.SubscriberCount);
    }
}
