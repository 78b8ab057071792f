using AdminDashboard.Audit;
using AdminDashboard.Auth;
using AdminDashboard.Components.Layout;
using AdminDashboard.Core.Alerts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminDashboard.Components.Alerts;

/// <summary>
/// Open alerts, each with its Acknowledge button while raised, and the last 7 days', live from the board: the page
/// shows the board's published view and re-reads it on every transition, so two admins see one another's acknowledgements.
/// </summary>
public sealed partial class AlertsPage : IDisposable
{
    /// <summary>Where the page is; the bell and the toast link here.</summary>
    public const string Route = "/alerts";

    /// <summary>Audit action of an acknowledgement made on this page, the API's word for its own (the API audits those).</summary>
    public const string AcknowledgeAction = "acknowledge";

    /// <summary>How often the "open for" column moves on while nothing else changes.</summary>
    public static readonly TimeSpan AgeRefresh = TimeSpan.FromSeconds(30);

    [Inject] private IAlertBoard Board { get; set; } = default!;
    [Inject] private AuditLog Audit { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<AlertsPage> Logger { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private readonly CancellationTokenSource _gone = new();
    private readonly HashSet<string> _acknowledging = [];
    private AlertsView _view = AlertsView.Empty;
    private IDisposable? _subscription;
    private ITimer? _ageTimer;
    private (Severity Severity, string Text)? _message;

    protected override void OnInitialized()
    {
        // Subscribe first, then read: a transition in between is delivered, not lost.
        _subscription = Board.Subscribe(_ => InvokeAsync(Reload));
        _view = Board.Current;
        _ageTimer = Time.CreateTimer(_ => _ = InvokeAsync(StateHasChanged), null, AgeRefresh, AgeRefresh);
    }

    private void Reload()
    {
        var view = Board.Current;
        if (ReferenceEquals(view, _view)) return;
        _view = view;
        StateHasChanged();
    }

    private async Task AcknowledgeAsync(Alert alert)
    {
        if (AuthState is null || !_acknowledging.Add(alert.Id)) return;
        _message = null;
        try
        {
            var user = (await AuthState).User;
            var outcome = await Board.AcknowledgeAsync(alert.Id, UserIdentity.DisplayName(user), _gone.Token);
            if (outcome == AcknowledgeOutcome.Acknowledged)
                Audit.Record(user, AcknowledgeAction, $"{Route}/{alert.Id}", PageViewAudit.From);
            _message = Describe(outcome, alert);
        }
        catch (OperationCanceledException) when (_gone.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            // The board's store (Redis) may be down: the page says so and stays; the admin can try again.
            Logger.LogWarning(e, "Acknowledging alert {AlertId} failed", alert.Id);
            _message = (Severity.Error, $"Could not acknowledge {AlertWording.Name(alert)}: the alert store did not answer. Try again in a moment.");
        }
        finally
        {
            _acknowledging.Remove(alert.Id);
        }
        _view = Board.Current;
    }

    private (Severity, string) Describe(AcknowledgeOutcome outcome, Alert alert)
    {
        var now = Board.Current.Open.FirstOrDefault(a => a.Id == alert.Id) ?? Board.Current.Recent.FirstOrDefault(a => a.Id == alert.Id);
        var name = AlertWording.Name(alert);
        return outcome switch
        {
            AcknowledgeOutcome.Acknowledged => (Severity.Success, $"Acknowledged {name}. It stays open until its condition clears."),
            AcknowledgeOutcome.AlreadyAcknowledged => (Severity.Info,
                $"{Capitalized(name)} was already acknowledged{(now?.AcknowledgedBy is not null ? $" by {AlertWording.Acknowledged(Clock, now)}" : "")}."),
            AcknowledgeOutcome.AlreadyResolved => (Severity.Info, $"{Capitalized(name)} resolved before it was acknowledged; there is nothing left to acknowledge."),
            _ => (Severity.Warning, $"{Capitalized(name)} is no longer on the board (it may have been cleared), so it could not be acknowledged. The lists below are current."),
        };
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    public void Dispose()
    {
        _subscription?.Dispose();
        _ageTimer?.Dispose();
        _gone.Cancel();
        _gone.Dispose();
    }
}
