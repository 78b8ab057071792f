using AdminDashboard.Components.Alerts;
using AdminDashboard.Core.Alerts;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminDashboard.Tests.Components.Alerts;

/// <summary>A toast for each alert raised while the circuit is open, with its severity, its summary and the way to the Alerts page.</summary>
public sealed class AlertToastsTests : MudBunitContext
{
    private readonly FakeAlertBoard _board = new();

    public AlertToastsTests() => Services.AddSingleton<IAlertBoard>(_board);

    private IEnumerable<Snackbar> Toasts => Services.GetRequiredService<ISnackbar>().ShownSnackbars;

    /// <summary>As in a circuit: interactive, with the layout's snackbar provider that draws the toasts.</summary>
    private IRenderedComponent<MudSnackbarProvider> RenderInCircuit()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var provider = Render<MudSnackbarProvider>();
        Render<AlertToasts>();
        return provider;
    }

    [Fact]
    public async Task A_raised_alert_shows_a_toast_with_its_severity_summary_and_a_link_to_the_alerts_page()
    {
        var provider = RenderInCircuit();

        await _board.RaiseAsync(FakeAlertBoard.Raised("a1", Now, AlertSeverity.Critical, summary: "Billing has been unavailable for 60 s"));

        provider.WaitForAssertion(() => Assert.Single(provider.FindAll("[data-testid=alert-toast]")));
        var toast = provider.Find("[data-testid=alert-toast]");
        Assert.Equal("Critical alert: Billing has been unavailable for 60 s Open the Alerts page", string.Join(' ', toast.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("/alerts", toast.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(Severity.Error, Assert.Single(Toasts).Severity);
    }

    [Fact]
    public async Task A_warning_is_toasted_as_a_warning()
    {
        RenderInCircuit();

        await _board.RaiseAsync(FakeAlertBoard.Raised("a1", Now, AlertSeverity.Warning, subject: "no-show rate"));

        Assert.Equal(Severity.Warning, Assert.Single(Toasts).Severity);
    }

    [Fact]
    public async Task The_same_raise_delivered_twice_shows_one_toast()
    {
        RenderInCircuit();
        var alert = FakeAlertBoard.Raised("a1", Now);

        await _board.RaiseAsync(alert);
        await _board.RaiseAsync(alert);

        Assert.Single(Toasts);
    }

    [Fact]
    public async Task Acknowledged_and_resolved_alerts_raise_no_toast()
    {
        _board.Seed(FakeAlertBoard.Raised("a1", Now));
        RenderInCircuit();

        await _board.AcknowledgeByAsync("a1", "admin@hospital.example", Now.AddMinutes(1));
        await _board.ResolveAsync("a1", Now.AddMinutes(5));

        Assert.Empty(Toasts);
    }

    [Fact]
    public void Alerts_raised_before_the_circuit_opened_are_not_toasted()
    {
        _board.Seed(FakeAlertBoard.Raised("a1", Now));

        RenderInCircuit();

        Assert.Empty(Toasts);
    }

    [Fact]
    public async Task A_prerendered_page_does_not_listen()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        Render<AlertToasts>();

        await _board.RaiseAsync(FakeAlertBoard.Raised("a1", Now));

        Assert.Equal(0, _board.Subscribers);
        Assert.Empty(Toasts);
    }

    [Fact]
    public async Task Disposing_the_toasts_ends_their_subscription()
    {
        RenderInCircuit();
        Assert.Equal(1, _board.Subscribers);

        await DisposeComponentsAsync();

        Assert.Equal(0, _board.Subscribers);
    }
}
