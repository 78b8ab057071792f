using System.Diagnostics.Metrics;
using AdminDashboard.Components.Live;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Hospital;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Store;
using AdminDashboard.Tests.Store;
using Microsoft.Extensions.Options;
using AdminDashboard.Tests.Components;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AdminDashboard.Tests.Events;

/// <summary>
/// Anyone who can publish to the broker reaches every open dashboard: what a forged message can and cannot do.
/// </summary>
public sealed class HostileEventTests : MudBunitContext
{
    private static readonly DateTimeOffset Received = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private static HospitalEvent Parse(string payload, string topic = EventTopics.AppointmentCreated)
    {
        Assert.True(HospitalEventParser.TryParse(topic, payload, Received, out var parsed, out var error), error);
        return parsed!;
    }

    [Theory]
    [InlineData("dupe-1\nevent: forged")]
    [InlineData("dupe-1\n")]
    [InlineData("dupe-1\r")]
    [InlineData("a b")]
    [InlineData("")]
    public void An_event_id_that_is_not_a_plain_token_is_replaced_by_a_stable_hash(string eventId)
    {
        var payload = $$"""{"eventType":"appointment.created","eventId":{{System.Text.Json.JsonSerializer.Serialize(eventId)}},"appointmentId":"7"}""";

        var first = Parse(payload);
        var redelivered = Parse(payload);

        Assert.Matches("^[A-Za-z0-9_-]{1,64}$", first.EventId);
        Assert.DoesNotContain('\n', first.EventId);
        Assert.NotEqual(eventId, first.EventId);
        Assert.Equal(first.EventId, redelivered.EventId);
    }

    [Fact]
    public void A_plain_event_id_is_kept_as_it_is()
    {
        Assert.Equal("066fdba5_29-134a", Parse("""{"eventType":"appointment.created","eventId":"066fdba5_29-134a"}""").EventId);
    }

    [Fact]
    public void A_one_megabyte_name_is_cut_to_200_characters()
    {
        var huge = new string('A', 1024 * 1024);
        var e = Parse($$"""{"eventType":"appointment.created","eventId":"big-1","patientName":"{{huge}}","doctorName":"{{huge}}","department":"{{huge}}"}""");

        Assert.Equal(HospitalEventParser.MaxTextLength, e.PatientName!.Length);
        Assert.Equal(HospitalEventParser.MaxTextLength, e.DoctorName!.Length);
        Assert.Equal(HospitalEventParser.MaxTextLength, e.Department!.Length);
    }

    [Fact]
    public void Control_characters_are_stripped_from_text_fields()
    {
        var e = Parse("""{"eventType":"patient.registered","eventId":"p-1","patientName":"Jo\r\nevent: forged\u0000\u001b[31m\u2028Doe"}""",
            EventTopics.PatientRegistered);

        Assert.Equal("Joevent: forged[31mDoe", e.PatientName);
        Assert.Equal("New patient: Joevent: forged[31mDoe", e.Describe(TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData(-5_000)]
    [InlineData(HospitalEventParser.MaxPlausibleAmount + 1)]
    public void A_negative_or_implausible_amount_is_not_added_to_revenue(long amount)
    {
        var e = Parse($$"""{"eventType":"payment.completed","eventId":"pay-1","amount":{{amount}},"currency":"VND"}""", EventTopics.PaymentCompleted);
        var stats = new DashboardStats(100, 10, 50, 1_000_000, null, null, null, null, null,
            new DerivedMetrics(null, null, null, null, null), Received, Hospital.ZoneId, 0, false);

        Assert.Null(e.Amount);
        Assert.Equal(1_000_000, KpiDelta.Apply(stats, e, Hospital).RevenueToday);
        // Even an event built elsewhere, not through the parser, does not move the card.
        Assert.Equal(1_000_000, KpiDelta.Apply(stats, e with { Amount = amount }, Hospital).RevenueToday);
        Assert.Equal(1_250_000, KpiDelta.Apply(stats, e with { Amount = 250_000 }, Hospital).RevenueToday);
    }

    [Fact]
    public async Task An_appointment_replayed_past_the_deduplication_window_is_listed_once_and_the_feed_keeps_rendering()
    {
        var hub = new LiveUpdates(NullLogger<LiveUpdates>.Instance, Time);
        hub.SetStatus(true, null);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        using var consumed = new MetricCollector<long>(meters, DashboardMetrics.MeterName, "dashboard.events.consumed");
        using var duplicates = new MetricCollector<long>(meters, DashboardMetrics.MeterName, "dashboard.events.duplicates");
        var pipeline = new EventPipeline(new FirstLevelCache(new MemoryDashboardCache(Time), new LiveUpdatesFeed(hub), Time, NullLogger<FirstLevelCache>.Instance), hub, new DashboardMetrics(meters), Time, NullLogger<EventPipeline>.Instance);
        using var store = new DashboardStore(new FakeDashboardReader(Now, Hospital.ZoneId), hub, Hospital, Time, new DashboardMetrics(meters),
            Options.Create(new DashboardStoreOptions { RefreshSeconds = 5 }), NullLogger<DashboardStore>.Instance);
        using var page = new StorePage(store);
        static string Appointment(string id) =>
            $$"""{"eventType":"appointment.created","eventId":"{{id}}","appointmentId":"{{id}}","patientName":"John Doe","doctorName":"Dr. Smith","scheduledAt":"2026-03-10T07:00:00Z"}""";
        static bool Lists(DashboardSnapshot s, string id) => s.Feed.Any(l => l.Event.EventId == id);
        var feed = Render<LiveFeed>(p => p.Add(f => f.Feed, store.Current(30).Feed).Add(f => f.Status, hub.Status).Add(f => f.Toasts, false));

        await pipeline.HandleAsync(EventTopics.AppointmentCreated, Appointment("dupe-1"), CancellationToken.None);
        // Listed before the flood: the hub's bounded queues may drop the oldest of 10,001 events, and the store must have
        // this first delivery for the replay to be a second one.
        await page.NextAsync(s => Lists(s, "dupe-1"));
        for (var i = 0; i <= 10_000; i++)
            await pipeline.HandleAsync(EventTopics.PaymentCompleted, $$"""{"eventType":"payment.completed","eventId":"pay-{{i}}","amount":1}""", CancellationToken.None);
        await pipeline.HandleAsync(EventTopics.AppointmentCreated, Appointment("dupe-1"), CancellationToken.None);
        await pipeline.HandleAsync(EventTopics.AppointmentCreated, Appointment("after-1"), CancellationToken.None);

        // The premise: the pipeline has forgotten dupe-1 and hands it on again (counted as it tells the hub, none as a duplicate).
        Assert.Equal(3, consumed.GetMeasurementSnapshot().Where(m => (string?)m.Tags["type"] == EventTopics.AppointmentCreated).Sum(m => m.Value));
        Assert.Empty(duplicates.GetMeasurementSnapshot());
        // The store takes the hub's events in order and a queue drops only its oldest: after-1 listed means the replay,
        // just before it, was taken too.
        var shown = await page.NextAsync(s => Lists(s, "after-1"));
        Assert.Equal(["after-1", "dupe-1"], shown.Feed.Select(l => l.Event.EventId));
        feed.Render(p => p.Add(f => f.Feed, shown.Feed).Add(f => f.Status, hub.Status).Add(f => f.Toasts, false));
        Assert.Equal(["after-1", "dupe-1"], feed.FindAll("[data-testid=feed-item]").Select(li => li.GetAttribute("data-appointment-id")));
    }

    [Fact]
    public void The_recent_list_refuses_an_id_it_already_holds_and_keeps_its_capacity()
    {
        var recent = new RecentEvents(2);
        var a = new HospitalEvent("a", EventTopics.AppointmentCreated, Received);

        Assert.True(recent.TryAdd(a));
        Assert.False(recent.TryAdd(a with { PatientName = "someone else" }));
        Assert.True(recent.TryAdd(a with { EventId = "b" }));
        Assert.True(recent.TryAdd(a with { EventId = "c" }));

        Assert.Equal(["c", "b"], recent.Items.Select(e => e.EventId));
        // Once it has left the list, the id may come back: one row, never two.
        Assert.True(recent.TryAdd(a));
    }
}
