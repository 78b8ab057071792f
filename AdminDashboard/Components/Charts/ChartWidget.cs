using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Hospital;
using AdminDashboard.Core.Upstream;
using Microsoft.AspNetCore.Components;

namespace AdminDashboard.Components.Charts;

/// <summary>
/// A chart on the dashboard: one envelope in, one card out (<see cref="ChartShell{T}"/>). It renders only when it is
/// handed another envelope or range. The dashboard store keeps an envelope's instance while its figures are the same
/// (<see cref="ShowsTheSame{T}"/>), so a refresh that changes nothing, or changes another chart's figures,
/// does not re-render this chart: charts are the heaviest part of the page to render and to patch in the browser.
/// </summary>
public abstract class ChartWidget<T> : ComponentBase where T : class
{
    /// <summary>The chart's data and its source's state; null while loading.</summary>
    [Parameter] public ApiEnvelope<T>? Envelope { get; set; }

    /// <summary>The range, in days, the chart shows (in its title and CSV link). Default: 30.</summary>
    [Parameter] public int Days { get; set; } = 30;

    /// <summary>
    /// Offers the chart's data as CSV. Default: true. The wall screen says false: it has no controls, and its viewer may
    /// not download.
    /// </summary>
    [Parameter] public bool Downloads { get; set; } = true;

    private ApiEnvelope<T>? _shown;
    private int _shownDays;
    private bool _changed;

    // A chart renders only after its parameters are set (it has no state of its own), so whether they changed
    // decides the render that follows. The first render happens whatever ShouldRender says.
    protected override void OnParametersSet()
    {
        _changed = !ReferenceEquals(Envelope, _shown) || Days != _shownDays;
        _shown = Envelope;
        _shownDays = Days;
    }

    protected override bool ShouldRender() => _changed;

    [Inject] private ChartDrawings Drawings { get; set; } = default!;

    [Inject] private HospitalTime Hospital { get; set; } = default!;

    [Inject] private ILogger<ChartWidget<T>> Logger { get; set; } = default!;

    /// <summary>The chart's MudChart as markup, drawn once for every page (<see cref="ChartDrawings"/>); empty when there is nothing to draw.</summary>
    protected MarkupString Drawing { get; private set; }

    /// <summary>
    /// The width, in pixels, a chart is laid out for: a half-width card's plot at 1280 px, the usual admin screen. The
    /// drawing then scales with its card (app.css), keeping its proportions, where MudChart used to lay itself out
    /// again for each browser's width.
    /// </summary>
    protected const int HalfWidth = 580;

    /// <summary>The width a full-width card's chart is laid out for, at 1280 px.</summary>
    protected const int FullWidth = 1180;

    /// <summary>What the chart draws from its figures; null when there is nothing to draw.</summary>
    protected abstract ChartDrawing? Draw(T data);

    protected override async Task OnParametersSetAsync()
    {
        if (!_changed) return;
        var envelope = Envelope;
        if (envelope?.Data is not { } data)
        {
            Drawing = default;
            return;
        }
        // Keyed by the chart, its range and the hospital's day (a chart may leave today out): the same figures, the same drawing.
        var drawn = Drawings.DrawAsync(envelope, $"{GetType().Name}:{Days}:{Hospital.Today:yyyy-MM-dd}", () => Draw(data));
        if (!drawn.IsCompleted) _changed = false; // no render of the old drawing while the new one is drawn
        try
        {
            var drawing = await drawn;
            // Newer figures may have arrived meanwhile; theirs is the drawing to show.
            if (!ReferenceEquals(envelope, Envelope)) return;
            Drawing = drawing;
        }
        catch (Exception e)
        {
            // A chart that cannot be drawn leaves its card with its title, state and CSV link, and the page with the rest.
            Logger.LogWarning(e, "The chart {Chart} could not be drawn", GetType().Name);
            Drawing = default;
        }
        _changed = true;
    }

    /// <summary>At most this many values on a y axis: more crowd a card's height (revenue per day had 12).</summary>
    protected const int YAxisTicks = 6;

    /// <summary>Room under the plot for labels rotated by <paramref name="degrees"/>: the longest one's drop, at about 7 px a character.</summary>
    protected static int RoomForRotated(IEnumerable<string> labels, double degrees) =>
        (int)Math.Ceiling(labels.DefaultIfEmpty("").Max(l => l.Length) * 7 * Math.Sin(degrees * Math.PI / 180));

    /// <summary>The CSV download of a chart endpoint on this chart's range.</summary>
    protected string? Csv(string chart) => Downloads ? $"/v1/admin/charts/{chart}?days={Days}&format=csv" : null;

    /// <summary>Day labels for the x axis: every label on a week, a few on a quarter, so they stay legible at 1280 px wide.</summary>
    protected static string[] Labels(IEnumerable<DateOnly> dates)
    {
        var list = dates.ToList();
        var step = list.Count <= 10 ? 1 : list.Count <= 31 ? 5 : 15;
        return list.Select((d, i) => i % step == 0 || i == list.Count - 1 ? d.ToString("dd MMM") : "").ToArray();
    }

    /// <summary>
    /// Same figures, same sources: re-rendering would change nothing on screen. A stale envelope never shows the
    /// same, because its age ("4 min old") moves on even when its figures do not.
    /// </summary>
    public static bool ShowsTheSame(ApiEnvelope<T>? shown, ApiEnvelope<T> loaded) =>
        shown is not null && Core.Store.DashboardStore.SameFigures(shown, loaded);
}
