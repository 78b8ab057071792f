using System.Globalization;
using AdminDashboard.Components.Dashboard;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Store;
using AdminDashboard.Core.Upstream;
using Microsoft.AspNetCore.Components;

namespace AdminDashboard.Components.Pages;

/// <summary>
/// The wall screen: read-only, for a TV at 1920x1080. It shows the store's snapshot like the Dashboard page (subscribes,
/// reads nothing itself, lets unchanged parts skip their render), the alert board's open alerts, and one chart at a
/// time, turning every <see cref="RotationPeriod"/> on the app's clock. No controls, no names.
/// </summary>
public sealed partial class WallScreen : IDisposable
{
    /// <summary>How long each chart stays up; also the beat the reconnect script watches.</summary>
    public static readonly TimeSpan RotationPeriod = TimeSpan.FromSeconds(20);

    /// <summary>The range of the wall's charts: the dashboard's default, so the wall shares its snapshots with admins' pages.</summary>
    public const int Days = 30;

    [Inject] private DashboardStore Store { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IAlertBoard Board { get; set; } = default!;

    private DashboardSnapshot _snapshot = default!;
    private IDisposable? _subscription;
    private IDisposable? _alertSubscription;
    private AlertsView _alerts = AlertsView.Empty;
    private ITimer? _rotation;
    private int _turn;
    private DateTimeOffset _now;
    private bool _interactive;

    private ApiEnvelope<DashboardStats>? Stats => _snapshot.Stats;
    private DashboardStats? D => Stats?.Data;
    private bool Loading => Stats is null && !_snapshot.RefreshFailed;

    // Prerendered charts are thrown away when the circuit starts, as on the Dashboard: skeletons until then.
    private RangeCharts Charts => RendererInfo.IsInteractive ? _snapshot.Charts : RangeCharts.Empty(Days);

    // A failed refresh says so beside the time of the figures still shown: from across a room, old figures look current.
    private string AsOf => D is { } data
        ? $"Figures as of {Clock.ToLocal(data.Timestamp).ToString("HH:mm", CultureInfo.InvariantCulture)}{(_snapshot.RefreshFailed ? " · last refresh failed" : "")}"
        : _snapshot.RefreshFailed ? "Figures could not be loaded; trying again" : "Loading figures…";

    protected override void OnInitialized()
    {
        _now = Time.GetUtcNow();
        // Subscribe first, then read: a snapshot published in between is delivered, not lost.
        _subscription = Store.Subscribe(Days, snapshot => InvokeAsync(() => Apply(snapshot)));
        _snapshot = Store.Current(Days);
        // The board's transitions say when to look again; what the wall shows is always the board's current view.
        _alertSubscription = Board.Subscribe(_ => InvokeAsync(() =>
        {
            _alerts = Board.Current;
            _now = Time.GetUtcNow();
            StateHasChanged();
        }));
        _alerts = Board.Current;
        // Only a live circuit turns the charts: a prerendered page is thrown away at once.
        if (RendererInfo.IsInteractive)
            _rotation = Time.CreateTimer(_ => _ = InvokeAsync(Turn), null, RotationPeriod, RotationPeriod);
    }

    // The first page after start waits for the store's first figures, as the Dashboard page does.
    protected override async Task OnInitializedAsync()
    {
        if (_snapshot.Stats is null) _snapshot = await Store.LoadedAsync(Days);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private void Apply(DashboardSnapshot snapshot)
    {
        // Delivered out of order: never go back to older figures.
        if (snapshot.Version < _snapshot.Version) return;
        _snapshot = snapshot;
        StateHasChanged();
    }

    /// <summary>The next chart; alert ages and the heartbeat move with it.</summary>
    private void Turn()
    {
        _turn++;
        _now = Time.GetUtcNow();
        _alerts = Board.Current;
        StateHasChanged();
    }

    private SourceReport? SourceOf(UpstreamService service) =>
        Stats?.Sources.FirstOrDefault(s => s.Service == service.WireName());

    private string? StaleText(UpstreamService service) => SourceWording.StaleCaption(SourceOf(service));

    private static string Unavailable(UpstreamService service) => SourceWording.Unavailable(service.DisplayName());

    private static string? Count(long? value) => value is null ? null : Formats.Count(value);

    public void Dispose()
    {
        _rotation?.Dispose();
        _subscription?.Dispose();
        _alertSubscription?.Dispose();
    }
}
