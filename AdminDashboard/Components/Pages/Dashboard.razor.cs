using AdminDashboard.Components.Dashboard;
using AdminDashboard.Components.Live;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Charts;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Upstream;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Components.Pages;

public sealed partial class Dashboard : IDisposable
{
    [Inject] private DashboardStatsService StatsService { get; set; } = default!;
    [Inject] private IOptions<DashboardUiOptions> UiOptions { get; set; } = default!;
    [Inject] private ILogger<Dashboard> Logger { get; set; } = default!;
    [Inject] private LiveUpdates Hub { get; set; } = default!;
    [Inject] private ChartsService Charts { get; set; } = default!;
    [Inject] private AdminDashboard.Audit.AuditLog Audit { get; set; } = default!;

    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? AuthState { get; set; }
    [Inject] private LiveCircuitHandler Circuit { get; set; } = default!;

    // Cancelled on dispose, never disposed itself: a refresh still running afterwards may read its token.
    private readonly CancellationTokenSource _disposed = new();
    private ApiEnvelope<DashboardStats>? _stats;
    private string? _loadError;
    private bool _refreshing;
    private bool _reloadRequested;
    private bool _refetchScheduled;
    private IDisposable? _hubSubscription;
    private bool _autoRefresh = true;
    private int _refreshSeconds;
    private int _days = 30;
    private ApiEnvelope<AppointmentTrends>? _week;
    private ApiEnvelope<RevenueReport>? _weekRevenue;
    private int _chartsVersion;

    private DashboardStats? D => _stats?.Data;
    private bool Loading => _stats is null && _loadError is null;

    protected override void OnInitialized()
    {
        _refreshSeconds = UiOptions.Value.RefreshSeconds;
        _hubSubscription = Hub.Subscribe(notification => InvokeAsync(() => OnLiveNotification(notification)));
        Circuit.Reconnected += OnReconnected;
    }

    private void OnLiveNotification(LiveNotification notification)
    {
        switch (notification)
        {
            case EventNotification { Event: var e } when _stats?.Data is { } data:
                // The event's own delta shows at once; the services' figures follow with the refetch.
                _stats = _stats with { Data = KpiDelta.Apply(data, e, Clock) };
                ScheduleRefetch();
                StateHasChanged();
                break;
            case EventNotification:
                // Still loading: that load may have read the cache before this event's invalidation.
                _reloadRequested = true;
                break;
            case StatusNotification { Status.IsLive: true }:
                // Back from an outage: events may have been missed while paused.
                ScheduleRefetch();
                break;
        }
    }

    private void OnReconnected() => _ = InvokeAsync(ScheduleRefetch);

    /// <summary>One refetch per burst: events within the window share it; events during it cause one more.</summary>
    private void ScheduleRefetch()
    {
        if (_refetchScheduled) return;
        _refetchScheduled = true;
        _ = RefetchAfterWindowAsync();
    }

    private async Task RefetchAfterWindowAsync()
    {
        try
        {
            await Task.Delay(UiOptions.Value.LiveRefetchWindowMs, _disposed.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await InvokeAsync(async () =>
        {
            _refetchScheduled = false;
            await LoadAsync(refresh: false);
        });
    }

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync(refresh: false);
        _ = AutoRefreshLoopAsync(_disposed.Token);
    }

    private async Task AutoRefreshLoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_refreshSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (_autoRefresh && !_refreshing)
                    await InvokeAsync(() => LoadAsync(refresh: false));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The admin's Refresh: fresh figures from the services, not the cache.</summary>
    private Task RefreshAsync() => LoadAsync(refresh: true);

    private async Task LoadAsync(bool refresh)
    {
        // No new refresh while one is in flight; a request meanwhile gets one more afterwards.
        if (_refreshing)
        {
            _reloadRequested = true;
            return;
        }
        _refreshing = true;
        try
        {
            _stats = await StatsService.GetStatsAsync(_disposed.Token, refresh);
            _loadError = null;
            // Yesterday's figures for the cards' comparison; cached, and a failure only drops the comparison.
            _week = await Charts.AppointmentTrendsAsync(7, _disposed.Token);
            _weekRevenue = await Charts.RevenueAsync(7, _disposed.Token);
            _chartsVersion++;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Dashboard refresh failed");
            _loadError = _stats is null
                ? "The dashboard could not load its figures. It will try again shortly."
                : $"The last refresh failed; showing figures from {Clock.Time(_stats.Data!.Timestamp)}.";
        }
        finally
        {
            _refreshing = false;
        }
        StateHasChanged();
        if (_reloadRequested && !_disposed.IsCancellationRequested)
        {
            _reloadRequested = false;
            await LoadAsync(refresh: false);
        }
    }

    // True once the circuit is up and the page reacts to clicks and events; prerendered HTML says false.
    private bool _interactive;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _interactive = true;
            StateHasChanged();
            if (AuthState is not null) Audit.Record((await AuthState).User, "view", "dashboard page", "browser session");
        }
    }

    private void OnAutoRefreshChanged(bool value) => _autoRefresh = value;

    private void OnRangeChanged(int days) => _days = days;

    private SourceReport? SourceOf(UpstreamService service) =>
        _stats?.Sources.FirstOrDefault(s => s.Service == service.WireName());

    private string? StaleText(UpstreamService service) => SourceWording.StaleCaption(SourceOf(service));

    /// <summary>Yesterday's full-day appointments, for the card's comparison; null when unknown.</summary>
    private string? AppointmentsYesterday => _week?.Data?.Daily is { Count: >= 2 } d ? $" · yesterday {Formats.Count(d[^2].Counts.Total)}" : null;

    private string? RevenueYesterday => _weekRevenue?.Data is { Daily.Count: >= 2 } r
        ? $" · yesterday {Formats.Money(r.Daily[^2].Amount, r.Currency)}" : null;

    private static string Unavailable(UpstreamService service) => SourceWording.Unavailable(service.DisplayName());

    private static string? Count(long? value) => value is null ? null : Formats.Count(value);

    public void Dispose()
    {
        _disposed.Cancel();
        _hubSubscription?.Dispose();
        Circuit.Reconnected -= OnReconnected;
    }
}
