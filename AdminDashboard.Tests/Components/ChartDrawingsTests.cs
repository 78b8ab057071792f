using AdminDashboard.Components.Charts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminDashboard.Tests.Components;

/// <summary>Charts drawn once for every page: the same figures share one drawing, laid out without a browser.</summary>
public sealed class ChartDrawingsTests : MudBunitContext
{
    private ChartDrawings Drawings => Services.GetRequiredService<ChartDrawings>();

    private static ChartDrawing Revenue(params double[] amounts) => new(
        ChartType.Bar, [new() { Name = "Revenue (VND)", Data = amounts }], amounts.Select((_, i) => $"0{i + 1} Mar").ToArray(),
        new BarChartOptions { ChartPalette = [ChartPalette.Blue], ShowLegend = true }, 580, 240);

    [Fact]
    public async Task Pages_showing_the_same_figures_share_one_drawing_drawn_once()
    {
        var figures = new object();
        var draws = 0;
        ChartDrawing Draw() { draws++; return Revenue(1, 2, 3); }

        var first = await Drawings.DrawAsync(figures, "revenue", Draw);
        var second = await Drawings.DrawAsync(figures, "revenue", Draw);

        Assert.Equal(1, draws);
        Assert.Same(first.Value, second.Value);
    }

    [Fact]
    public async Task Other_figures_or_another_chart_get_a_drawing_of_their_own()
    {
        var figures = new object();

        var revenue = await Drawings.DrawAsync(figures, "revenue", () => Revenue(1, 2, 3));
        var other = await Drawings.DrawAsync(figures, "other", () => Revenue(4, 5, 6));
        var newer = await Drawings.DrawAsync(new object(), "revenue", () => Revenue(1, 2, 4));

        Assert.NotSame(revenue.Value, other.Value);
        Assert.NotSame(revenue.Value, newer.Value);
    }

    [Fact]
    public async Task An_axis_chart_is_laid_out_for_its_size_and_draws_every_bar_without_a_browser()
    {
        var markup = (await Drawings.DrawAsync(new object(), "revenue", () => Revenue(1_000, 2_000, 3_000))).Value;

        Assert.Contains("viewBox=\"0 0 580 240\"", markup);
        Assert.Equal(3, markup.Split("class=\"mud-chart-bar\"").Length - 1);
        Assert.Contains("chart-drawing", markup);
        Assert.Contains("Revenue (VND)", markup); // the legend
        Assert.DoesNotContain("__internal", markup);
    }

    [Fact]
    public async Task Nothing_to_draw_is_an_empty_drawing()
    {
        var markup = await Drawings.DrawAsync(new object(), "stock", () => null);

        Assert.Equal("", markup.Value);
    }
}
