using AdminDashboard.Components.Dashboard;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Store;
using AdminDashboard.Core.Upstream;
using Microsoft.AspNetCore.Components;

namespace AdminDashboard.Components.Pages;

/// <summary>
/// Shows the store's snapshot of its range: subscribes, and renders each snapshot it is handed (one render batch per
/// snapshot); the cards, the feed and the charts below skip what did not change. It reads nothing itself.
/// </summary>
public sealed partial class Dashboard : IDisposable
{
    [Inject] private DashboardStore Store { get; set; } = default!;


    private DashboardSnapshot _snapshot = default!;
    private IDisposable? _subscription;
    private bool _autoRefresh = true;
    private bool _refreshing;
    private int _days = 30;

    private ApiEnvelope<DashboardStats>? Stats => _snapshot.Stats;
    private DashboardStats? D => Stats?.Data;
    private bool Loading => Stats is null && !_snapshot.RefreshFailed;
    private int RefreshSeconds => (int)Store.RefreshPeriod.TotalSeconds;

    private string? LoadError => !_snapshot.RefreshFailed ? null
        : Stats?.Data is { } data ? $"The last refresh failed; showing figures from {Clock.Time(data.Timestamp)}."
        : "The dashboard could not load its figures. It will try again shortly.";

    protected override void OnInitialized() => Watch(_days);

    // The first page after start waits for the store's first figures, as a prerendered page always did for its own.
    protected override async Task OnInitializedAsync()
    {
        if (_snapshot.Stats is null) _snapshot = await Store.LoadedAsync(_days);
    }

    /// <summary>Subscribe first, then read: a snapshot published in between is delivered, not lost.</summary>
    private void Watch(int days)
    {
        _subscription?.Dispose();
        _subscription = Store.Subscribe(days, snapshot => InvokeAsync(() => Apply(snapshot)));
        _snapshot = Store.Current(days);
    }

    private void Apply(DashboardSnapshot snapshot)
    {
        // Paused: the store's timer still runs for the other pages; this one keeps its figures until an event or a Refresh.
        if (snapshot.Cause == SnapshotCause.Timer && !_autoRefresh) return;
        // Delivered out of order after a range change, or older than what Refresh already showed.
        if (snapshot.Charts.Days != _days || snapshot.Version < _snapshot.Version) return;
        _snapshot = snapshot;
        StateHasChanged();
    }

    /// <summary>The admin's Refresh: fresh figures from the services, not the cache, for every open page.</summary>
    private async Task RefreshAsync()
    {
        _refreshing = true;
        try
        {
            await Store.RefreshFromServicesAsync();
        }
        finally
        {
            _refreshing = false;
        }
        Apply(Store.Current(_days) with { Cause = SnapshotCause.Admin });
    }

    // True once the circuit is up and the page reacts to clicks and events; prerendered HTML says false.
    private bool _interactive;

    protected override void OnAfterRender(bool firstRender)
    {
        // The view itself is audited by the layout's PageViewAudit, as every page's is.
        if (firstRender && RendererInfo.IsInteractive)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private void OnAutoRefreshChanged(bool value)
    {
        _autoRefresh = value;
        if (value) Apply(Store.Current(_days));
    }

    private void OnRangeChanged(int days)
    {
        _days = days;
        Watch(days);
    }

    private SourceReport? SourceOf(UpstreamService service) =>
        Stats?.Sources.FirstOrDefault(s => s.Service == service.WireName());

    private string? StaleText(UpstreamService service) => SourceWording.StaleCaption(SourceOf(service));

    /// <summary>Yesterday's full-day appointments, for the card's comparison; null when unknown.</summary>
    private string? AppointmentsYesterday => _snapshot.WeekTrends?.Data?.Daily is { Count: >= 2 } d ? $" · yesterday {Formats.Count(d[^2].Counts.Total)}" : null;

    private string? RevenueYesterday => _snapshot.WeekRevenue?.Data is { Daily.Count: >= 2 } r
        ? $" · yesterday {Formats.Money(r.Daily[^2].Amount, r.Currency)}" : null;

    private static string Unavailable(UpstreamService service) => SourceWording.Unavailable(service.DisplayName());

    private static string? Count(long? value) => value is null ? null : Formats.Count(value);

    public void Dispose() => _subscription?.Dispose();
}
