using AdminDashboard.Components.Kpi;
using Bunit;

namespace AdminDashboard.Tests.Components;

public sealed class KpiCardTests : MudBunitContext
{
    [Fact]
    public void Kpi_card_renders_its_title_figure_and_caption()
    {
        var card = Render<KpiCard>(p => p
            .Add(c => c.Id, "total-patients")
            .Add(c => c.Title, "Total patients")
            .Add(c => c.Value, "15,234")
            .Add(c => c.Caption, "7,851 active"));

        Assert.Equal("15,234", card.Find("[data-testid=kpi-value]").TextContent.Trim());
        Assert.Equal("7,851 active", card.Find("[data-testid=kpi-caption]").TextContent.Trim());
        Assert.Contains("Total patients", card.Markup);
        Assert.Empty(card.FindAll("[data-testid=kpi-unavailable]"));
    }

    [Fact]
    public void Kpi_card_without_a_figure_says_unavailable_instead_of_zero()
    {
        var card = Render<KpiCard>(p => p
            .Add(c => c.Id, "revenue-today")
            .Add(c => c.Title, "Revenue today")
            .Add(c => c.Value, null)
            .Add(c => c.UnavailableText, "Billing unavailable"));

        Assert.Equal("--", card.Find("[data-testid=kpi-value]").TextContent.Trim());
        Assert.Equal("Billing unavailable", card.Find("[data-testid=kpi-unavailable]").TextContent.Trim());
    }

    [Fact]
    public void Kpi_card_shows_a_skeleton_while_loading()
    {
        var card = Render<KpiCard>(p => p
            .Add(c => c.Id, "x").Add(c => c.Title, "X").Add(c => c.Loading, true));

        Assert.Empty(card.FindAll("[data-testid=kpi-value]"));
        Assert.NotEmpty(card.FindAll(".mud-skeleton"));
    }

    [Fact]
    public void Kpi_card_with_a_stale_figure_shows_it_with_its_age()
    {
        var card = Render<KpiCard>(p => p
            .Add(c => c.Id, "revenue-today").Add(c => c.Title, "Revenue today").Add(c => c.Value, "45,678,000 VND")
            .Add(c => c.Caption, "80 payments").Add(c => c.StaleText, "4 min old: service unavailable"));

        Assert.Equal("45,678,000 VND", card.Find("[data-testid=kpi-value]").TextContent.Trim());
        Assert.Contains("4 min old: service unavailable", card.Find("[data-testid=kpi-stale]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=kpi-caption]"));
    }
}
