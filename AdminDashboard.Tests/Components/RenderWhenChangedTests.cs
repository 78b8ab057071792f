using AdminDashboard.Components.Dashboard;
using AdminDashboard.Core.Upstream;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AdminDashboard.Tests.Components;

/// <summary>A service card's content renders again only when its part of the snapshot changed.</summary>
public sealed class RenderWhenChangedTests : MudBunitContext
{
    private static readonly DoctorStats Doctors = new(12, 10, 2, 0, 3, [], Now);

    private int _contentRenders;

    private RenderFragment Content => b => { _contentRenders++; b.AddContent(0, "figures"); };

    private IRenderedComponent<RenderWhenChanged> Show(object? of, IRenderedComponent<RenderWhenChanged>? shown = null)
    {
        if (shown is null) return Render<RenderWhenChanged>(p => p.Add(c => c.Of, of).Add(c => c.ChildContent, Content));
        shown.Render(p => p.Add(c => c.Of, of).Add(c => c.ChildContent, Content));
        return shown;
    }

    [Fact]
    public void The_same_part_handed_again_does_not_render_its_content()
    {
        var card = Show((Doctors, false));

        Show((Doctors, false), card);
        Show((Doctors with { }, false), card);

        Assert.Equal(1, _contentRenders);
        Assert.Equal("figures", card.Markup);
    }

    [Fact]
    public void A_changed_part_or_state_renders_its_content_again()
    {
        var card = Show((Doctors, false));

        Show((Doctors with { OnLeave = 3 }, false), card);
        Show((Doctors with { OnLeave = 3 }, true), card);

        Assert.Equal(3, _contentRenders);
    }
}
