using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using MudBlazor.Interop;

namespace AdminDashboard.Components.Charts;

/// <summary>What one MudChart draws: its type, series, labels and options, and the size it is laid out for.</summary>
/// <param name="LabelRoom">
/// Pixels under the plot for rotated axis labels: MudChart measures them in the browser to make room, which a drawing
/// shared by every page cannot, so the chart says how much its labels need.
/// </param>
public sealed record ChartDrawing(
    ChartType Type, List<ChartSeries<double>> Series, string[] Labels, MudBlazor.Charts.IChartOptions Options, int Width, int Height,
    int LabelRoom = 0);

/// <summary>
/// Each chart drawn once per set of figures for every open page. A page used to hold seven MudCharts of its own, each
/// with its render tree, its computed paths and three event handlers per bar or point: over half of what a dashboard
/// cost the server (a gcdump of 20 pages), and the same drawing computed and diffed 20 times per refresh. Now MudChart
/// draws into static HTML through Blazor's <see cref="HtmlRenderer"/>, once per envelope the store publishes (the store
/// keeps an envelope's instance while its figures are the same), and each page holds the markup: one frame, whose
/// diff is a reference compare. What the page loses is MudChart's interaction: hovering a bar or point no longer
/// shows its value (the CSV link beside each chart gives every figure).
/// </summary>
public sealed class ChartDrawings
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ILoggerFactory _loggers;

    // Per envelope (or any object the figures hang on), per chart: the drawing's markup, or the render under way.
    // Weak on the envelope: when the store lets go of a set of figures, their drawings go with them.
    private readonly ConditionalWeakTable<object, Dictionary<string, Task<MarkupString>>> _drawn = new();

    public ChartDrawings(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        _scopes = scopes;
        _loggers = loggers;
    }

    /// <summary>
    /// The markup of <paramref name="chart"/> drawn from <paramref name="figures"/>: rendered by the first page that
    /// asks, shared with every other. <paramref name="draw"/> runs only then.
    /// </summary>
    public Task<MarkupString> DrawAsync(object figures, string chart, Func<ChartDrawing?> draw)
    {
        var byChart = _drawn.GetValue(figures, _ => []);
        lock (byChart)
        {
            // A drawing that failed is tried again by the next page rather than remembered.
            if (!byChart.TryGetValue(chart, out var drawing) || drawing.IsFaulted)
                byChart[chart] = drawing = draw() is { } toDraw ? RenderAsync(toDraw) : Task.FromResult(new MarkupString(""));
            return drawing;
        }
    }

    // Static rendering completes at once, so the asking page shows the drawing in the render it asked from. Nothing
    // here resumes on the asking page's context (ConfigureAwait(false)): the drawing is no circuit's work.
    private async Task<MarkupString> RenderAsync(ChartDrawing drawing)
    {
        // A renderer (and scope: MudBlazor's chart resolves scoped services, such as the JS runtime static rendering
        // never calls) per drawing, disposed with its components once the markup is out: nothing is kept but the text.
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var renderer = new HtmlRenderer(scope.ServiceProvider, _loggers);
            await using (renderer.ConfigureAwait(false))
                return await renderer.Dispatcher.InvokeAsync(() => DrawAsync(renderer, drawing)).ConfigureAwait(false);
        }
    }

    private static async Task<MarkupString> DrawAsync(HtmlRenderer renderer, ChartDrawing drawing)
    {
        var chart = new StrongBox<MudChart<double>?>();
        var output = await renderer.RenderComponentAsync<DrawingHost>(ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(DrawingHost.Drawing)] = drawing,
            [nameof(DrawingHost.Chart)] = chart,
        }));
        // An axis chart lays itself out for the size its element reports from the browser, and draws nothing before.
        // There is no browser here: it is told the size the chart is drawn for, and the SVG scales with its card.
        if (chart.Value?.ChartReference is { } axisChart
            && axisChart.GetType().GetMethod(SizeReport, [typeof(ElementSize)]) is { } report)
        {
            report.Invoke(axisChart, [new ElementSize { Width = drawing.Width, Height = drawing.Height, Timestamp = 1 }]);
            await output.QuiescenceTask;
        }
        // Static rendering writes out an attribute interactive rendering keeps to itself.
        return new MarkupString(output.ToHtmlString().Replace(" __internal_stopPropagation_onclick", "", StringComparison.Ordinal));
    }

    /// <summary>The class app.css scales a drawing by.</summary>
    private const string DrawingClass = "chart-drawing";

    /// <summary>MudBlazor's axis charts take the element's size through this (JS-invokable) method.</summary>
    private const string SizeReport = "OnElementSizeChanged";

    /// <summary>Renders the MudChart of a drawing and hands back the instance, to tell it its size.</summary>
    private sealed class DrawingHost : ComponentBase
    {
        [Parameter] public ChartDrawing Drawing { get; set; } = default!;

        [Parameter] public StrongBox<MudChart<double>?> Chart { get; set; } = default!;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenComponent<MudChart<double>>(0);
            builder.AddComponentParameter(1, nameof(MudChart<double>.ChartType), Drawing.Type);
            builder.AddComponentParameter(2, nameof(MudChart<double>.ChartSeries), Drawing.Series);
            builder.AddComponentParameter(3, nameof(MudChart<double>.ChartLabels), Drawing.Labels);
            builder.AddComponentParameter(4, nameof(MudChart<double>.ChartOptions), Drawing.Options);
            builder.AddComponentParameter(5, nameof(MudChart<double>.Width), "100%");
            builder.AddComponentParameter(6, nameof(MudChart<double>.Height), $"{Drawing.Height.ToString(CultureInfo.InvariantCulture)}px");
            builder.AddComponentParameter(7, nameof(MudChart<double>.MatchBoundsToSize), Drawing.Type is not (ChartType.Donut or ChartType.Pie));
            builder.AddComponentParameter(8, nameof(MudChart<double>.Class), DrawingClass);
            if (Drawing.LabelRoom > 0)
                builder.AddComponentParameter(10, nameof(MudChart<double>.Style), $"--label-room: {Drawing.LabelRoom.ToString(CultureInfo.InvariantCulture)}px");
            builder.AddComponentReferenceCapture(9, c => Chart.Value = (MudChart<double>)c);
            builder.CloseComponent();
        }
    }

}
