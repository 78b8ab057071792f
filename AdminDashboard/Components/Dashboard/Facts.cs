using Microsoft.AspNetCore.Components;

namespace AdminDashboard.Components.Dashboard;

/// <summary>The label/value lines of a section card (inside its <c>dl</c>).</summary>
public static class Facts
{
    /// <summary>
    /// One line, as markup in the card's own render tree rather than a component of its own: a component costs a page
    /// two render-tree buffers and its state for as long as the page is open, and the dashboard shows 33 of these.
    /// </summary>
    public static RenderFragment Fact(string label, string? value) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "fact");
        builder.AddAttribute(2, "data-fact", label);
        builder.OpenElement(3, "dt");
        builder.AddContent(4, label);
        builder.CloseElement();
        builder.OpenElement(5, "dd");
        builder.AddContent(6, value);
        builder.CloseElement();
        builder.CloseElement();
    };
}
