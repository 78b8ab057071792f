using AdminDashboard.Audit;
using AdminDashboard.Components.Alerts;
using AdminDashboard.Core.Alerts;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminDashboard.Tests.Components.Alerts;

/// <summary>The Alerts page: open alerts with their Acknowledge button, the last 7 days', live from the board.</summary>
public sealed class AlertsPageTests : MudBunitContext
{
    private const string Admin = "admin@hospital.example";

    // 02:00 UTC is 09:00 in Ho Chi Minh City: the page shows the hospital's clock, whatever offset the board used.
    private static readonly DateTimeOffset RaisedUtc = new(2026, 3, 10, 1, 56, 0, TimeSpan.Zero);

    private readonly FakeAlertBoard _board = new();
    private readonly AuditLog _audit;

    public AlertsPageTests()
    {
        _audit = new AuditLog(new AuditLogWriter(NullLoggerFactory.Instance), Time, new MemoryAuditSink());
        Services.AddSingleton<IAlertBoard>(_board);
        Services.AddSingleton(_audit);
        AddAuthorization().SetAuthorized(Admin);
    }

    private static IReadOnlyList<string> Texts(IRenderedComponent<AlertsPage> page, string selector) =>
        page.FindAll(selector).Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public void With_no_alerts_both_lists_say_so_in_words()
    {
        var page = Render<AlertsPage>();

        Assert.StartsWith("No open alerts", page.Find("[data-testid=alerts-open-empty]").TextContent.Trim());
        Assert.Equal("No alerts in the last 7 days.", page.Find("[data-testid=alerts-recent-empty]").TextContent.Trim());
        Assert.Equal(["Alerts", "Open alerts", "Last 7 days"], page.FindAll("h1, h2").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public void Open_alerts_show_in_the_hospitals_time_with_their_age_state_and_who_acknowledged()
    {
        _board.Seed(FakeAlertBoard.Raised("a1", RaisedUtc, summary: "Billing has been unavailable for 60 s"));
        _board.Seed(FakeAlertBoard.Raised("a2", RaisedUtc.AddMinutes(1), AlertSeverity.Warning, "pharmacy", "Amoxicillin runs out within 3 days")
            with { State = AlertState.Acknowledged, AcknowledgedBy = "nurse@hospital.example", AcknowledgedAt = RaisedUtc.AddMinutes(2) });

        var page = Render<AlertsPage>();

        var rows = page.FindAll("[data-testid=open-alert]");
        Assert.Equal(["a2", "a1"], rows.Select(r => r.GetAttribute("data-alert-id")));
        var billing = rows[1];
        Assert.Equal(
            ["critical", "billing", "Billing has been unavailable for 60 s", "2026-03-10 08:56", "4 min", "raised", "", "Acknowledge"],
            billing.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Contains("UTC+07:00, Ho Chi Minh", page.Find("[data-testid=alerts-open] thead").TextContent);
        Assert.Equal("nurse@hospital.example at 2026-03-10 08:58", rows[0].QuerySelector("[data-testid=alert-acknowledged]")!.TextContent.Trim());
        // Acknowledged already: only a raised alert asks for acknowledgement.
        Assert.Null(rows[0].QuerySelector("[data-testid=acknowledge]"));
    }

    [Fact]
    public async Task The_last_7_days_include_resolved_alerts_with_when_they_resolved()
    {
        _board.Seed(FakeAlertBoard.Raised("a1", RaisedUtc));
        await _board.ResolveAsync("a1", RaisedUtc.AddMinutes(3));

        var page = Render<AlertsPage>();

        var row = page.Find("[data-testid=recent-alert]");
        Assert.Equal("resolved", row.QuerySelector("[data-testid=alert-state]")!.TextContent.Trim());
        Assert.Equal("2026-03-10 08:59", row.QuerySelector("[data-testid=alert-resolved]")!.TextContent.Trim());
        Assert.Single(page.FindAll("[data-testid=alerts-open-empty]"));
    }

    [Fact]
    public async Task The_page_follows_the_boards_transitions_live()
    {
        var page = Render<AlertsPage>();

        await _board.RaiseAsync(FakeAlertBoard.Raised("a1", RaisedUtc));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=open-alert]")));

        await _board.ResolveAsync("a1", RaisedUtc.AddMinutes(3));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=alerts-open-empty]")));
        Assert.Equal(["resolved"], Texts(page, "[data-testid=recent-alert] [data-testid=alert-state]"));
    }

    [Fact]
    public void The_age_moves_on_while_nothing_else_changes()
    {
        _board.Seed(FakeAlertBoard.Raised("a1", RaisedUtc));
        var page = Render<AlertsPage>();
        Assert.Equal(["4 min"], Texts(page, "[data-testid=alert-age]"));

        Time.Advance(TimeSpan.FromMinutes(1));

        page.WaitForAssertion(() => Assert.Equal(["5 min"], Texts(page, "[data-testid=alert-age]")));
    }

    [Fact]
    public async Task Acknowledge_calls_the_board_with_the_signed_in_admins_name_and_is_audited()
    {
        _board.Seed(FakeAlertBoard.Raised("a1", RaisedUtc, summary: "Billing has been unavailable for 60 s"));
        var page = Render<AlertsPage>();

        await page.Find("[data-testid=acknowledge]").ClickAsync(new());

        Assert.Equal([("a1", Admin)], _board.Acknowledgements);
        page.WaitForAssertion(() => Assert.Equal(["acknowledged"], Texts(page, "[data-testid=open-alert] [data-testid=alert-state]")));
        Assert.Empty(page.FindAll("[data-testid=acknowledge]"));
        Assert.Equal("Acknowledged the critical alert on billing. It stays open until its condition clears.", page.Find("[data-testid=ack-message]").TextContent.Trim());
        var entry = Assert.Single(_audit.Recent(10), e => e.Action == AlertsPage.AcknowledgeAction);
        Assert.Equal((Admin, "/alerts/a1"), (entry.User, entry.Resource));
    }

    [Theory]
    [InlineData(AcknowledgeOutcome.NotFound, "The critical alert on billing is no longer on the board")]
    [InlineData(AcknowledgeOutcome.AlreadyResolved, "The critical alert on billing resolved before it was acknowledged")]
    [InlineData(AcknowledgeOutcome.AlreadyAcknowledged, "The critical alert on billing was already acknowledged")]
    public async Task An_acknowledgement_the_board_refuses_is_explained_and_not_audited(AcknowledgeOutcome outcome, string explanation)
    {
        _board.Seed(FakeAlertBoard.Raised("a1", RaisedUtc));
        _board.NextOutcome = outcome;
        var page = Render<AlertsPage>();

        await page.Find("[data-testid=acknowledge]").ClickAsync(new());

        Assert.Contains(explanation, page.Find("[data-testid=ack-message]").TextContent);
        Assert.DoesNotContain(_audit.Recent(10), e => e.Action == AlertsPage.AcknowledgeAction);
    }

    [Fact]
    public async Task An_alert_another_admin_acknowledged_first_names_who_did()
    {
        _board.Seed(FakeAlertBoard.Raised("a1", RaisedUtc));
        var page = Render<AlertsPage>();
        // The other admin's acknowledgement lands on the board between this page's render and the click.
        _board.Seed(_board.Current.Open[0] with { State = AlertState.Acknowledged, AcknowledgedBy = "nurse@hospital.example", AcknowledgedAt = RaisedUtc.AddMinutes(2) });
        _board.NextOutcome = AcknowledgeOutcome.AlreadyAcknowledged;

        await page.Find("[data-testid=acknowledge]").ClickAsync(new());

        Assert.Equal("The critical alert on billing was already acknowledged by nurse@hospital.example at 2026-03-10 08:58.",
            page.Find("[data-testid=ack-message]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=acknowledge]"));
    }

    [Fact]
    public async Task A_board_that_fails_to_acknowledge_leaves_a_readable_message_and_the_button()
    {
        _board.Seed(FakeAlertBoard.Raised("a1", RaisedUtc, summary: "Billing has been unavailable for 60 s"));
        _board.Failure = new InvalidOperationException("Redis connection refused");
        var page = Render<AlertsPage>();

        await page.Find("[data-testid=acknowledge]").ClickAsync(new());

        Assert.Equal("Could not acknowledge the critical alert on billing: the alert store did not answer. Try again in a moment.",
            page.Find("[data-testid=ack-message]").TextContent.Trim());
        Assert.False(page.Find("[data-testid=acknowledge]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Disposing_the_page_ends_its_subscription()
    {
        Render<AlertsPage>();
        Assert.Equal(1, _board.Subscribers);

        await DisposeComponentsAsync();

        Assert.Equal(0, _board.Subscribers);
    }
}
