using AdminDashboard.Components.Dashboard;
using AdminDashboard.Core.Aggregation;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AdminDashboard.Tests.Components;

/// <summary>Every widget (service section or chart) in each of its states.</summary>
public sealed class SectionCardTests : MudBunitContext
{
    private static readonly RenderFragment Figures = b => b.AddMarkupContent(0, "<span data-testid=\"figures\">42</span>");

    private IRenderedComponent<SectionCard> Card(bool loading, bool available, SourceReport? source, bool facts = true, string? csv = null) =>
        Render<SectionCard>(p => p
            .Add(c => c.Id, "chart-revenue").Add(c => c.Title, "Revenue").Add(c => c.Loading, loading).Add(c => c.Available, available)
            .Add(c => c.Source, source).Add(c => c.Facts, facts).Add(c => c.CsvHref, csv).Add(c => c.ChildContent, Figures));

    private static SourceReport Source(SourceStatus status, string? error = null, long? age = null) =>
        new("billing", "Billing", status, 12, status == SourceStatus.Ok || status == SourceStatus.Stale ? Now : null, age, error);

    [Fact]
    public void Loading_shows_skeletons_and_no_figures()
    {
        var card = Card(loading: true, available: false, source: null);

        Assert.NotEmpty(card.FindAll(".mud-skeleton"));
        Assert.Empty(card.FindAll("[data-testid=figures]"));
    }

    [Fact]
    public void Data_shows_the_figures_a_live_chip_and_the_csv_link()
    {
        var card = Card(loading: false, available: true, Source(SourceStatus.Ok), facts: false, csv: "/v1/admin/charts/revenue?format=csv");

        Assert.Single(card.FindAll("[data-testid=figures]"));
        Assert.Equal("live", card.Find("[data-testid=section-status]").TextContent.Trim());
        Assert.Equal("/v1/admin/charts/revenue?format=csv", card.Find("[data-testid=csv-link]").GetAttribute("href"));
        Assert.Empty(card.FindAll("[data-testid=section-stale]"));
    }

    [Fact]
    public void Stale_shows_the_figures_with_their_age_and_the_reason()
    {
        var card = Card(loading: false, available: true, Source(SourceStatus.Stale, "no answer within 250 ms", age: 240));

        Assert.Single(card.FindAll("[data-testid=figures]"));
        Assert.Equal("stale · 4 min old", card.Find("[data-testid=section-status]").TextContent.Trim());
        Assert.Contains("(4 min old): no answer within 250 ms", card.Find("[data-testid=section-stale]").TextContent);
    }

    [Fact]
    public void Unavailable_says_why_in_plain_words_and_hides_figures_and_csv()
    {
        var card = Card(loading: false, available: false, Source(SourceStatus.Error, "it reported an internal error (HTTP 500)"), csv: "/x.csv");

        Assert.Contains("Figures unavailable: it reported an internal error (HTTP 500)", card.Find("[data-testid=section-unavailable]").TextContent);
        Assert.Equal("unavailable", card.Find("[data-testid=section-status]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=figures]"));
        Assert.Empty(card.FindAll("[data-testid=csv-link]"));
    }
}
