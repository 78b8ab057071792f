using AdminDashboard.Components.Alerts;
using AdminDashboard.Core.Alerts;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Components.Alerts;

/// <summary>The bell in the top bar counts open alerts as the board's transitions arrive, and lets go of the board when it goes.</summary>
public sealed class AlertBellTests : MudBunitContext
{
    private readonly FakeAlertBoard _board = new();

    public AlertBellTests() => Services.AddSingleton<IAlertBoard>(_board);

    private static string Label(IRenderedComponent<AlertBell> bell) => bell.Find("[data-testid=alert-bell]").GetAttribute("aria-label")!;

    private static string? BadgeText(IRenderedComponent<AlertBell> bell) =>
        bell.FindAll(".mud-badge").SingleOrDefault()?.TextContent.Trim();

    [Fact]
    public void With_nothing_open_the_bell_says_so_and_shows_no_count()
    {
        var bell = Render<AlertBell>();

        Assert.Equal("0 open alerts", Label(bell));
        Assert.Null(BadgeText(bell));
        Assert.Equal("/alerts", bell.Find("[data-testid=alert-bell]").GetAttribute("href"));
    }

    [Fact]
    public void Alerts_open_before_the_page_opened_are_counted()
    {
        _board.Seed(FakeAlertBoard.Raised("a1", Now));

        var bell = Render<AlertBell>();

        Assert.Equal("1 open alert", Label(bell));
        Assert.Equal("1", BadgeText(bell));
    }

    [Fact]
    public async Task The_count_follows_raise_acknowledge_and_resolve()
    {
        var bell = Render<AlertBell>();

        await _board.RaiseAsync(FakeAlertBoard.Raised("a1", Now));
        await _board.RaiseAsync(FakeAlertBoard.Raised("a2", Now.AddMinutes(1), subject: "pharmacy"));
        bell.WaitForAssertion(() => Assert.Equal("2 open alerts", Label(bell)));
        Assert.Equal("2", BadgeText(bell));

        await _board.AcknowledgeByAsync("a1", "admin@hospital.example", Now.AddMinutes(2));
        await _board.ResolveAsync("a2", Now.AddMinutes(3));
        bell.WaitForAssertion(() => Assert.Equal("1 open alert", Label(bell)));

        await _board.ResolveAsync("a1", Now.AddMinutes(4));
        bell.WaitForAssertion(() => Assert.Equal("0 open alerts", Label(bell)));
        Assert.Null(BadgeText(bell));
    }

    [Fact]
    public async Task An_acknowledgement_leaves_the_count_and_does_not_render_the_bell_again()
    {
        var bell = Render<AlertBell>();
        await _board.RaiseAsync(FakeAlertBoard.Raised("a1", Now));
        bell.WaitForAssertion(() => Assert.Equal("1 open alert", Label(bell)));
        var renders = bell.RenderCount;

        await _board.AcknowledgeByAsync("a1", "admin@hospital.example", Now.AddMinutes(1));

        Assert.Equal(renders, bell.RenderCount);
    }

    [Fact]
    public async Task Disposing_the_bell_ends_its_subscription()
    {
        Render<AlertBell>();
        Assert.Equal(1, _board.Subscribers);

        await DisposeComponentsAsync();

        Assert.Equal(0, _board.Subscribers);
    }
}
