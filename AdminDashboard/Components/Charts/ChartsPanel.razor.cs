using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Charts;
using AdminDashboard.Core.Upstream;
using Microsoft.AspNetCore.Components;

namespace AdminDashboard.Components.Charts;

/// <summary>
/// Loads the charts' five envelopes and hands each to the charts that show it. Two pairs of charts share one envelope
/// (appointments and rates, revenue and departments): loading here, once per envelope, keeps the page's cache
/// lookups what they were, one per chart endpoint.
/// </summary>
public partial class ChartsPanel
{
    /// <summary>How many doctors the page ranks, and how many low-stock items it lists.</summary>
    private const int TopDoctorsShown = 10, StockItemsShown = 20;

    [Inject] private ChartsService Charts { get; set; } = default!;
    [Inject] private ILogger<ChartsPanel> Logger { get; set; } = default!;

    /// <summary>The range, in days, every chart shows. Default: 30.</summary>
    [Parameter] public int Days { get; set; } = 30;

    /// <summary>Bump to make the panel load again (after events or a refresh).</summary>
    [Parameter] public int Version { get; set; }

    private ApiEnvelope<AppointmentTrends>? _trends;
    private ApiEnvelope<RevenueReport>? _revenue;
    private ApiEnvelope<PatientGrowth>? _growth;
    private ApiEnvelope<TopDoctors>? _top;
    private ApiEnvelope<StockReport>? _stock;
    private int _loadedDays;
    private int _loadedVersion = -1;
    // The page asks for the charts again on every refresh and event, and most of the time nothing has changed:
    // render only when it has (each chart then renders only when its own envelope changed).
    private bool _changed = true;

    protected override async Task OnParametersSetAsync()
    {
        // Prerendered charts are drawn only to be thrown away: the circuit's first render replaces the page. Without
        // them the first HTML is smaller, the first interactive batch lighter, and each chart arrives in a batch of its
        // own as it loads (Lighthouse counted those long tasks in the browser as the first load's blocking time).
        if (!RendererInfo.IsInteractive) return;
        if (Days == _loadedDays && Version == _loadedVersion) return;
        var rangeChanged = Days != _loadedDays;
        _loadedDays = Days;
        _loadedVersion = Version;
        if (rangeChanged)
        {
            // A new range: show loading rather than the old range's bars under the new title.
            _trends = null; _revenue = null; _growth = null; _top = null;
            _changed = true;
        }
        // Each widget loads on its own: a slow or failed service delays or greys only its charts.
        await Task.WhenAll(
            Load(() => Charts.AppointmentTrendsAsync(Days, default), () => _trends, v => _trends = v),
            Load(() => Charts.RevenueAsync(Days, default), () => _revenue, v => _revenue = v),
            Load(() => Charts.PatientGrowthAsync(Days, default), () => _growth, v => _growth = v),
            Load(() => Charts.TopDoctorsAsync(Days, TopDoctorsShown, default), () => _top, v => _top = v),
            Load(() => Charts.MedicineStockAsync(StockItemsShown, default), () => _stock, v => _stock = v));
    }

    private async Task Load<T>(Func<Task<ApiEnvelope<T>>> load, Func<ApiEnvelope<T>?> current, Action<ApiEnvelope<T>> set) where T : class
    {
        var first = current() is null;
        try
        {
            var loaded = await load();
            if (!ChartWidget<T>.ShowsTheSame(current(), loaded))
            {
                set(loaded);
                _changed = true;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Loading a chart failed");
        }
        // The first load shows each chart as it arrives, so a slow service holds back only its own; a reload
        // renders once, when all are in (the render after OnParametersSetAsync), not once per chart.
        if (first) StateHasChanged();
    }

    protected override bool ShouldRender()
    {
        if (!_changed) return false;
        _changed = false;
        return true;
    }
}
