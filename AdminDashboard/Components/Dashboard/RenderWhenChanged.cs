using Microsoft.AspNetCore.Components;

namespace AdminDashboard.Components.Dashboard;

/// <summary>
/// Renders its content only when <see cref="Of"/> changed. A card's content is a <see cref="RenderFragment"/>, which
/// Blazor always treats as changed, so without this every snapshot would re-render every service card. The store keeps
/// a section's instance while its figures are the same, so the comparison is cheap and exact.
/// </summary>
public sealed class RenderWhenChanged : ComponentBase
{
    /// <summary>What the content shows, compared by value (records, tuples of them); null is a value too.</summary>
    [Parameter, EditorRequired] public object? Of { get; set; }

    [Parameter, EditorRequired] public RenderFragment? ChildContent { get; set; }

    private object? _shown;
    private bool _rendered;
    private bool _changed;

    protected override void OnParametersSet()
    {
        _changed = !_rendered || !Equals(Of, _shown);
        _shown = Of;
        _rendered = true;
    }

    protected override bool ShouldRender() => _changed;

    protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) =>
        builder.AddContent(0, ChildContent);
}
