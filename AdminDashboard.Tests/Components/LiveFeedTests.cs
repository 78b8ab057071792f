using System.Collections.Immutable;
using AdminDashboard.Components.Live;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Store;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminDashboard.Tests.Components;

/// <summary>The feed shows the store's shared lines that came after the page opened, with a toast each.</summary>
public sealed class LiveFeedTests : MudBunitContext
{
    private static readonly LiveStatus Live = new(true, null, Now);

    // 14:00 in Ho Chi Minh City, sent in UTC as another system might: the feed shows the hospital's 14:00.
    private static FeedLine Line(long sequence, string id) => new(sequence, new HospitalEvent(
        Guid.NewGuid().ToString("N"), EventTopics.AppointmentCreated, Now,
        PatientId: "1", DoctorId: "2", AppointmentId: id, PatientName: "John Doe", DoctorName: "Dr. Smith",
        ScheduledAt: new DateTimeOffset(2026, 3, 10, 7, 0, 0, TimeSpan.Zero)));

    private IRenderedComponent<LiveFeed> RenderFeed(ImmutableArray<FeedLine> feed, LiveStatus? status = null) =>
        Render<LiveFeed>(p => p.Add(c => c.Feed, feed).Add(c => c.Status, status ?? Live));

    private static void Show(IRenderedComponent<LiveFeed> feed, ImmutableArray<FeedLine> lines, LiveStatus? status = null) =>
        feed.Render(p => p.Add(c => c.Feed, lines).Add(c => c.Status, status ?? Live));

    [Fact]
    public void A_new_line_shows_with_its_toast_in_the_hospitals_time()
    {
        var feed = RenderFeed([]);
        Assert.Single(feed.FindAll("[data-testid=feed-empty]"));

        Show(feed, [Line(1, "501")]);

        Assert.Equal("New appointment: John Doe with Dr. Smith at 14:00", feed.Find("[data-testid=feed-item]").TextContent.Split(' ', 2)[1].Trim());
        var toast = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal("New appointment: John Doe with Dr. Smith at 14:00", toast.Message);
    }

    [Fact]
    public void Lines_from_before_the_page_opened_are_neither_shown_nor_toasted()
    {
        var feed = RenderFeed([Line(2, "402"), Line(1, "401")]);

        Show(feed, [Line(3, "403"), Line(2, "402"), Line(1, "401")]);

        Assert.Equal("403", Assert.Single(feed.FindAll("[data-testid=feed-item]")).GetAttribute("data-appointment-id"));
        Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
    }

    [Fact]
    public void The_same_feed_handed_again_raises_no_second_toast()
    {
        var feed = RenderFeed([]);
        ImmutableArray<FeedLine> lines = [Line(1, "501")];

        Show(feed, lines);
        Show(feed, lines, Live with { });

        Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
    }

    [Fact]
    public void Feed_renders_the_paused_state_and_clears_it_when_live_again()
    {
        var feed = RenderFeed([]);
        Assert.Empty(feed.FindAll("[data-testid=live-paused]"));

        Show(feed, [], new LiveStatus(false, "the event broker is unreachable", Now));

        Assert.Contains("Live updates paused", feed.Find("[data-testid=live-paused]").TextContent);
        Assert.Contains("the event broker is unreachable", feed.Find("[data-testid=live-paused]").TextContent);

        Show(feed, [], Live with { Since = Now.AddMinutes(1) });
        Assert.Empty(feed.FindAll("[data-testid=live-paused]"));
    }

    [Fact]
    public void Handed_the_same_feed_and_status_it_does_not_render_again()
    {
        ImmutableArray<FeedLine> lines = [];
        var feed = RenderFeed(lines);
        var renders = feed.RenderCount;

        Show(feed, lines);

        Assert.Equal(renders, feed.RenderCount);
    }
}
