using AdminDashboard.Core.Store;
using Microsoft.AspNetCore.Components;

namespace AdminDashboard.Components.Charts;

/// <summary>
/// Hands each chart its envelope from the store's snapshot. Two pairs of charts share one envelope (appointments and
/// rates, revenue and departments). The store keeps a part's instance while its figures are the same, so the panel
/// renders only when its charts changed, and then each chart only when its own envelope did.
/// </summary>
public partial class ChartsPanel
{
    /// <summary>The charts of the page's range, from the store's snapshot.</summary>
    [Parameter, EditorRequired] public RangeCharts Charts { get; set; } = RangeCharts.Empty(30);

    private RangeCharts? _shown;
    private bool _changed;

    protected override void OnParametersSet()
    {
        _changed = !ReferenceEquals(Charts, _shown);
        _shown = Charts;
    }

    protected override bool ShouldRender() => _changed;
}
