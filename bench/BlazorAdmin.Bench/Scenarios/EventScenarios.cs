using System.Collections.Concurrent;
using System.Diagnostics;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Live;
using BlazorAdmin.Bench.Hosting;
using BlazorAdmin.Bench.Load;
using BlazorAdmin.Bench.Report;
using Confluent.Kafka;
using HospitalServices.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static BlazorAdmin.Bench.Report.BenchReport;

namespace BlazorAdmin.Bench.Scenarios;

/// <summary>
/// Kafka publish to the dashboard's in-process hub, beside a bare Confluent consumer on the same topic.
/// Both consumers and the producer live in this process, so all three stamps come from one clock.
/// The hub side is the product's own wiring (AddDashboardCaching + AddDashboardEvents with Events:Provider=Kafka and
/// the Redis cache): the supervised consumer, parsing, de-duplication, cache invalidation in Redis, then the hub's
/// per-subscriber queue.
/// </summary>
public sealed class EventScenarios(BenchEnvironment env)
{
    public async Task<ScenarioResult> EventToHubAsync()
    {
        var published = new ConcurrentDictionary<string, long>();
        var atHub = new ConcurrentDictionary<string, long>();
        var atBare = new ConcurrentDictionary<string, long>();

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var settings = new Dictionary<string, string?>
        {
            ["Events:Provider"] = "Kafka",
            ["Kafka:BootstrapServers"] = env.KafkaBootstrap,
            ["Kafka:Consumer:session.timeout.ms"] = "10000",
            ["Kafka:Producer:enable.idempotence"] = "false",
            // As the dashboard runs in the bench (and in production): invalidation goes to Redis before the hub is told.
            ["Cache:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = env.RedisEndpoint,
        };
        foreach (var (key, value) in BenchEnvironment.Kafka09ClientSettings) settings[$"Kafka:Client:{key}"] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddDashboardDiagnostics();
        builder.Services.AddDashboardCaching(builder.Configuration);
        builder.Services.AddDashboardEvents(builder.Configuration);
        using var host = builder.Build();

        // The bench's own producer and bare consumer read the same bound settings as the dashboard's consumer.
        var kafka = host.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        using var publisher = new KafkaDomainEventPublisher(kafka.BootstrapServers!, kafka.ProducerSettings, NullLogger.Instance);
        var sequence = 0;
        string Publish(string tag)
        {
            var id = $"{tag}-{Interlocked.Increment(ref sequence)}-{Guid.NewGuid():N}";
            var domainEvent = new DomainEvent
            {
                EventId = id,
                EventType = EventTopics.AppointmentCreated,
                OccurredAt = DateTimeOffset.UtcNow,
                AppointmentId = 900_000 + sequence,
                PatientId = 1,
                DoctorId = 1,
                PatientName = "Bench Patient",
                DoctorName = "Dr. Bench",
                Department = "Cardiology",
                ScheduledAt = DateTimeOffset.UtcNow.AddHours(1),
                Status = "scheduled",
            };
            published[id] = Stopwatch.GetTimestamp();
            publisher.Publish(domainEvent);
            return id;
        }

        // The topic exists before anyone subscribes (a 0.9 broker creates it on first use).
        Publish("create-topic");
        await Task.Delay(1000);

        await host.StartAsync();
        var hub = host.Services.GetRequiredService<LiveUpdates>();
        using var subscription = hub.Subscribe(notification =>
        {
            if (notification is EventNotification e) atHub.TryAdd(e.Event.EventId, Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        });

        using var stop = new CancellationTokenSource();
        var bareConfig = new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = $"bench-bare-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Latest,
            EnableAutoCommit = true,
        };
        foreach (var (key, value) in kafka.ConsumerSettings) bareConfig.Set(key, value);
        var bare = Task.Factory.StartNew(() =>
        {
            using var consumer = new ConsumerBuilder<string, string>(bareConfig).Build();
            consumer.Subscribe(EventTopics.AppointmentCreated);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                    if (result?.Message is null) continue;
                    var now = Stopwatch.GetTimestamp();
                    // The id is all the bare consumer reads: the cheapest thing that still identifies the event.
                    var value = result.Message.Value;
                    var start = value.IndexOf("\"eventId\":\"", StringComparison.Ordinal) + 11;
                    atBare.TryAdd(value[start..value.IndexOf('"', start)], now);
                }
                catch (ConsumeException)
                {
                }
            }
            consumer.Close();
        }, TaskCreationOptions.LongRunning);

        try
        {
            // Both consumers are assigned and positioned once each has seen a warm-up event.
            var ready = false;
            for (var i = 0; i < 120 && !ready; i++)
            {
                Publish("warm-up");
                await Task.Delay(500);
                ready = atHub.Keys.Any(k => k.StartsWith("warm-up", StringComparison.Ordinal)) && atBare.Keys.Any(k => k.StartsWith("warm-up", StringComparison.Ordinal));
            }
            if (!ready) throw new InvalidOperationException("The consumers did not receive warm-up events within 60 s.");

            var n = env.Quick ? 30 : 200;
            var ids = new List<string>();
            for (var i = 0; i < n; i++)
            {
                ids.Add(Publish("measure"));
                await Task.Delay(50);
            }
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && ids.Any(id => !atHub.ContainsKey(id) || !atBare.ContainsKey(id))) await Task.Delay(50);
            var hubMs = ids.Where(atHub.ContainsKey).Select(id => LoopbackLoad.ToMs(atHub[id] - published[id])).ToList();
            var bareMs = ids.Where(atBare.ContainsKey).Select(id => LoopbackLoad.ToMs(atBare[id] - published[id])).ToList();
            var h = LatencySummary.Of(hubMs);
            var b = LatencySummary.Of(bareMs);
            return new ScenarioResult(
                "event to hub (Kafka)",
                $"p50 {Ms(h.P50)} ms, p95 {Ms(h.P95)} ms ({n - h.Count} lost)",
                $"bare Confluent consumer, same topic: p50 {Ms(b.P50)} ms, p95 {Ms(b.P95)} ms",
                $"p50 ×{h.P50 / b.P50:0.00} ({(h.P50 - b.P50) * 1000:+0;-0} µs); p95 ×{h.P95 / b.P95:0.00}",
                "— (the seed names event to screen) / within 1 ms of the bare consumer",
                h.P50 - b.P50 < 1 ? Verdict.MeetsOurs : Verdict.MeetsSeedOnly,
                new Dictionary<string, double> { ["p50Ms"] = h.P50, ["p95Ms"] = h.P95, ["maxMs"] = h.Max, ["samples"] = h.Count, ["lost"] = n - h.Count },
                new Dictionary<string, double> { ["p50Ms"] = b.P50, ["p95Ms"] = b.P95, ["maxMs"] = b.Max, ["samples"] = b.Count, ["lost"] = n - b.Count },
                $"{n} appointment.created events, one every 50 ms, produced with the services' own publisher (librdkafka, linger 1 ms, acks all) " +
                "to the Kafka 0.9 broker bench.sh starts; timed from the Produce call to the hub subscriber's callback and to the bare consumer's Consume return. " +
                "The hub side invalidates the cache in the same Redis the dashboard uses before it tells the hub, as the product does.");
        }
        finally
        {
            stop.Cancel();
            await bare;
            await host.StopAsync();
        }
    }
}
