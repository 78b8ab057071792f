using AdminDashboard.Components.Live;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Live;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace AdminDashboard.Tests.Components;

public sealed class LiveFeedTests : MudBunitContext
{
    private readonly LiveUpdates _hub;

    public LiveFeedTests()
    {
        _hub = new(NullLogger<LiveUpdates>.Instance, Time);
        Services.AddSingleton(_hub);
        _hub.SetStatus(true, null);
    }

    // 14:00 in Ho Chi Minh City, sent in UTC as another system might: the feed shows the hospital's 14:00.
    private static HospitalEvent Appointment(string id) => new(
        Guid.NewGuid().ToString("N"), EventTopics.AppointmentCreated, Now,
        PatientId: "1", DoctorId: "2", AppointmentId: id, PatientName: "John Doe", DoctorName: "Dr. Smith",
        ScheduledAt: new DateTimeOffset(2026, 3, 10, 7, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Feed_shows_a_new_appointment_raised_on_the_hub_and_a_toast()
    {
        var feed = Render<LiveFeed>();
        Assert.Single(feed.FindAll("[data-testid=feed-empty]"));

        _hub.Publish(Appointment("501"));

        feed.WaitForAssertion(() =>
            Assert.Equal("New appointment: John Doe with Dr. Smith at 14:00", feed.Find("[data-testid=feed-item]").TextContent.Split(' ', 2)[1].Trim()));
        var toast = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal("New appointment: John Doe with Dr. Smith at 14:00", toast.Message);
    }

    [Fact]
    public void Feed_ignores_events_that_are_not_new_appointments()
    {
        var feed = Render<LiveFeed>();

        _hub.Publish(new HospitalEvent("p1", EventTopics.PaymentCompleted, Now, Amount: 100, Currency: "VND"));
        _hub.Publish(Appointment("502"));

        feed.WaitForAssertion(() => Assert.Contains("New appointment: John Doe", Assert.Single(feed.FindAll("[data-testid=feed-item]")).TextContent));
    }

    [Fact]
    public void Feed_renders_the_paused_state_and_clears_it_when_live_again()
    {
        var feed = Render<LiveFeed>();
        Assert.Empty(feed.FindAll("[data-testid=live-paused]"));

        _hub.SetStatus(false, "the event broker is unreachable");

        feed.WaitForAssertion(() => Assert.Contains("Live updates paused", feed.Find("[data-testid=live-paused]").TextContent));
        Assert.Contains("the event broker is unreachable", feed.Find("[data-testid=live-paused]").TextContent);

        _hub.SetStatus(true, null);
        feed.WaitForAssertion(() => Assert.Empty(feed.FindAll("[data-testid=live-paused]")));
    }

    [Fact]
    public async Task Disposing_the_feed_removes_its_subscription()
    {
        var before = _hub.SubscriberCount;
        var feed = Render<LiveFeed>();
        Assert.Equal(before + 1, _hub.SubscriberCount);

        await DisposeComponentsAsync();

        Assert.Equal(before, _hub.SubscriberCount);
    }
}
