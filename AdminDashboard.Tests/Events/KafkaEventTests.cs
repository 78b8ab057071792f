using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Hospital;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AdminDashboard.Tests.Events;

[Collection(KafkaCollection.Name)]
[Trait("Category", "Kafka")]
public sealed class KafkaEventTests(KafkaBrokerFixture kafka, RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<DashboardAppFactory> _apps = [];
    private DashboardAppFactory _app = default!;

    private async Task<DashboardAppFactory> StartAppAsync()
    {
        var app = new DashboardAppFactory();
        foreach (var (key, value) in kafka.DashboardSettings) app.Settings[key] = value;
        app.Settings["Cache:Provider"] = "Redis";
        app.Settings["ConnectionStrings:Redis"] = redis.ConnectionString;
        _apps.Add(app);
        await app.EnsureWarmAsync();
        // From the moment partitions are assigned, no published event is missed (the group starts at the end).
        var consumer = app.Services.GetRequiredService<KafkaEventConsumer>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!consumer.IsAssigned)
        {
            if (waited.Elapsed > Patience) throw new TimeoutException("The Kafka consumer got no partitions within 30 s");
            await Task.Delay(100);
        }
        return app;
    }

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        _app = await StartAppAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
    }

    /// <summary>Noon of the app's pinned day on the hospital's clock: later today, whenever the suite runs.</summary>
    private string TodayNoon() => _app.TodayAt(new TimeOnly(12, 0)).ToString("O");

    [Fact]
    public async Task A_new_appointment_refreshes_the_stats_in_the_background_and_the_next_call_is_a_hit_with_the_new_count()
    {
        var before = await _app.GetStatsAsync();
        await redis.Db.StringSetAsync(CacheKeys.AppointmentTrends(7), "{}", TimeSpan.FromMinutes(2));
        await redis.Db.StringSetAsync(CacheKeys.PatientGrowth(7), "{}", TimeSpan.FromMinutes(5));
        Assert.True(await redis.Db.KeyExistsAsync(CacheKeys.Stats));
        using var probe = new HubProbe(_app.Services);
        var refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstLevel = _app.Services.GetRequiredService<FirstLevelCache>();
        void OnRefreshed(string key) { if (key == CacheKeys.Stats) refreshed.TrySetResult(); }
        firstLevel.Refreshed += OnRefreshed;
        try
        {
            using var appointments = _app.CreateServiceClient(UpstreamService.Appointments);
            using var created = await appointments.PostAsJsonAsync("/v1/appointments", new { patientId = 42, doctorId = 7, scheduledAt = TodayNoon() });
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            var appointmentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32().ToString();

            var seen = await probe.WaitForEventAsync(e => e.EventType == EventTopics.AppointmentCreated && e.AppointmentId == appointmentId, Patience);
            Assert.Equal("42", seen.PatientId);
            Assert.StartsWith("New appointment: ", seen.Describe(_app.Services.GetRequiredService<HospitalTime>().Zone));
            // A key nobody here held is deleted as before; one the first level held is refreshed in the background.
            Assert.False(await redis.Db.KeyExistsAsync(CacheKeys.AppointmentTrends(7)));
            Assert.True(await redis.Db.KeyExistsAsync(CacheKeys.PatientGrowth(7)), "an unrelated family was invalidated");
            await refreshed.Task.WaitAsync(Patience);
        }
        finally
        {
            firstLevel.Refreshed -= OnRefreshed;
        }

        var expected = before.GetProperty("data").GetProperty("todayAppointments").GetInt32() + 1;
        var after = await _app.GetStatsAsync();
        Assert.True(after.GetProperty("data").GetProperty("fromCache").GetBoolean());
        Assert.Equal(expected, after.GetProperty("data").GetProperty("todayAppointments").GetInt32());
        // Written back under the seed's key, readable JSON, for the other instances.
        var stored = JsonDocument.Parse((string)(await redis.Db.StringGetAsync(CacheKeys.Stats))!).RootElement;
        Assert.Equal(expected, stored.GetProperty("data").GetProperty("todayAppointments").GetInt32());
    }

    [Fact]
    public async Task A_poison_message_between_two_good_ones_is_counted_and_skipped()
    {
        using var failed = new MetricCollector<long>(_app.Services.GetRequiredService<IMeterFactory>(), DashboardMetrics.MeterName, "dashboard.events.failed");
        using var probe = new HubProbe(_app.Services);
        var first = Guid.NewGuid().ToString("N");
        var second = Guid.NewGuid().ToString("N");

        // The seed's fields only, as another system would publish them.
        await kafka.ProduceAsync(EventTopics.AppointmentCreated, "9001",
            $$"""{"eventType":"appointment.created","eventId":"{{first}}","appointmentId":9001,"patientId":1,"doctorId":2,"timestamp":"{{_app.Clock.GetUtcNow():O}}"}""");
        await kafka.ProduceAsync(EventTopics.AppointmentCreated, "9002", "{ this is not json");
        await kafka.ProduceAsync(EventTopics.PaymentCompleted, "9003",
            $$"""{"eventType":"payment.completed","eventId":"{{second}}","paymentId":9003,"patientId":1,"timestamp":"{{_app.Clock.GetUtcNow():O}}"}""");

        await probe.WaitForEventAsync(e => e.EventId == first, Patience);
        await probe.WaitForEventAsync(e => e.EventId == second, Patience);
        var poison = Assert.Single(failed.GetMeasurementSnapshot());
        Assert.Equal("malformed", poison.Tags["reason"]);
        Assert.Equal(EventTopics.AppointmentCreated, poison.Tags["topic"]);
    }

    [Fact]
    public async Task Events_produced_while_the_broker_is_down_are_all_applied_after_it_comes_back()
    {
        using var probe = new HubProbe(_app.Services);
        await probe.WaitForStatusAsync(live: true, Patience);
        using var appointments = _app.CreateServiceClient(UpstreamService.Appointments);
        var ids = new List<string>();
        try
        {
            await kafka.StopBrokerAsync();
            var stopped = System.Diagnostics.Stopwatch.StartNew();
            await probe.WaitForStatusAsync(live: false, TimeSpan.FromSeconds(15));
            Console.WriteLine($"Live updates shown as paused {stopped.ElapsedMilliseconds} ms after the broker stopped");
            // The checks' detail is for admins; anyone else gets the overall status only.
            using (var http = _app.CreateApiClient(TestTokens.Admin()))
            {
                var ready = await http.GetFromJsonAsync<JsonElement>("/health/ready");
                Assert.Equal("Degraded", ready.GetProperty("checks").GetProperty("events").GetProperty("status").GetString());
            }

            // The services keep working; their producer buffers the events and retries.
            for (var i = 0; i < 5; i++)
            {
                using var created = await appointments.PostAsJsonAsync("/v1/appointments", new { patientId = 100 + i, doctorId = 3, scheduledAt = TodayNoon() });
                Assert.Equal(HttpStatusCode.OK, created.StatusCode);
                ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32().ToString());
            }
        }
        finally
        {
            await kafka.StartBrokerAsync();
        }

        var back = System.Diagnostics.Stopwatch.StartNew();
        await probe.WaitForStatusAsync(live: true, Patience);
        foreach (var id in ids)
            await probe.WaitForEventAsync(e => e.EventType == EventTopics.AppointmentCreated && e.AppointmentId == id, TimeSpan.FromSeconds(60));
        Console.WriteLine($"All {ids.Count} events from the outage applied {back.ElapsedMilliseconds} ms after the broker was back");
        using var client = _app.CreateApiClient(TestTokens.Admin());
        var readyAgain = await client.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("Healthy", readyAgain.GetProperty("checks").GetProperty("events").GetProperty("status").GetString());
        Assert.Equal("Healthy", readyAgain.GetProperty("checks").GetProperty("cache").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_dashboard_starts_without_a_broker_shows_paused_and_resumes_by_itself()
    {
        await kafka.StopBrokerAsync();
        DashboardAppFactory late;
        try
        {
            late = new DashboardAppFactory();
            foreach (var (key, value) in kafka.DashboardSettings) late.Settings[key] = value;
            _apps.Add(late);
            await late.EnsureWarmAsync();   // serves stats with no broker at all
            using var probe = new HubProbe(late.Services);
            await probe.WaitForStatusAsync(live: false, TimeSpan.FromSeconds(20));
        }
        finally
        {
            await kafka.StartBrokerAsync();
        }

        using var after = new HubProbe(late.Services);
        await after.WaitForStatusAsync(live: true, Patience);
        var consumer = late.Services.GetRequiredService<KafkaEventConsumer>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!consumer.IsAssigned && waited.Elapsed < Patience) await Task.Delay(100);
        var eventId = Guid.NewGuid().ToString("N");
        await kafka.ProduceAsync(EventTopics.PaymentCompleted, "1", $$"""{"eventType":"payment.completed","eventId":"{{eventId}}","paymentId":1}""");
        await after.WaitForEventAsync(e => e.EventId == eventId, Patience);
    }

    [Fact]
    public async Task Metrics_cover_every_monitoring_point_after_a_short_session()
    {
        using var probe = new HubProbe(_app.Services);
        using var admin = _app.CreateApiClient(TestTokens.Admin());
        await _app.ClearStatsCacheAsync();
        await admin.GetAsync("/v1/admin/dashboard/stats");
        await admin.GetAsync("/v1/admin/dashboard/stats");
        await admin.GetAsync("/v1/admin/charts/revenue?days=7");
        var eventId = Guid.NewGuid().ToString("N");
        await kafka.ProduceAsync(EventTopics.PaymentCompleted, "5", $$"""{"eventType":"payment.completed","eventId":"{{eventId}}","paymentId":5}""");
        await kafka.ProduceAsync(EventTopics.PaymentCompleted, "6", "not json");
        await probe.WaitForEventAsync(e => e.EventId == eventId, Patience);
        using var anonymous = _app.CreateApiClient(null);

        string text = "";
        string[] expected =
        [
            "http_server_request_duration_seconds_bucket", "http_route=\"/v1/admin/dashboard/stats\"", "http_response_status_code",
            "dashboard_cache_lookups_total", "family=\"admin:stats\"", "result=\"hit\"",
            "dashboard_upstream_calls_total", "dashboard_upstream_duration_milliseconds_bucket", "dashboard_upstream_state",
            "dashboard_cache_redis_available", "dashboard_redis_used_memory", "dashboard_redis_keys", "dashboard_redis_keyspace_hits", "dashboard_redis_evicted_keys",
            "dashboard_events_consumed_total", "dashboard_events_failed_total", "dashboard_events_consumer_lag", "dashboard_events_latency_milliseconds_bucket",
            "dashboard_circuits_active",
        ];
        // Redis INFO is read every 10 s; allow one round.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            text = await anonymous.GetStringAsync("/metrics");
            if (expected.All(text.Contains)) break;
            await Task.Delay(500);
        }
        while (waited.Elapsed < TimeSpan.FromSeconds(15));
        var missing = expected.Where(name => !text.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "missing from /metrics: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Every_dashboard_instance_receives_every_event()
    {
        var other = await StartAppAsync();
        using var firstProbe = new HubProbe(_app.Services);
        using var secondProbe = new HubProbe(other.Services);
        var eventId = Guid.NewGuid().ToString("N");

        await kafka.ProduceAsync(EventTopics.PatientRegistered, "77",
            $$"""{"eventType":"patient.registered","eventId":"{{eventId}}","patientId":77,"timestamp":"{{_app.Clock.GetUtcNow():O}}"}""");

        await firstProbe.WaitForEventAsync(e => e.EventId == eventId, Patience);
        await secondProbe.WaitForEventAsync(e => e.EventId == eventId, Patience);
    }

    [Fact]
    public async Task A_redelivered_event_is_applied_once()
    {
        using var probe = new HubProbe(_app.Services);
        var eventId = Guid.NewGuid().ToString("N");
        var payload = $$"""{"eventType":"doctor.created","eventId":"{{eventId}}","doctorId":555,"timestamp":"{{_app.Clock.GetUtcNow():O}}"}""";
        var marker = Guid.NewGuid().ToString("N");

        await kafka.ProduceAsync(EventTopics.DoctorCreated, "555", payload);
        await kafka.ProduceAsync(EventTopics.DoctorCreated, "555", payload);
        await kafka.ProduceAsync(EventTopics.DoctorCreated, "556", $$"""{"eventType":"doctor.created","eventId":"{{marker}}","doctorId":556}""");

        await probe.WaitForEventAsync(e => e.EventId == marker, Patience);
        Assert.Single(probe.Events, e => e.EventId == eventId);
    }
}
