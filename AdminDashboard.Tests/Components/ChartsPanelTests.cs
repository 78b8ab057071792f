using AdminDashboard.Components.Charts;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Store;
using AdminDashboard.Core.Upstream;
using Bunit;

namespace AdminDashboard.Tests.Components;

/// <summary>The charts panel hands each chart its part of the store's snapshot; a chart whose part did not change does not render.</summary>
public sealed class ChartsPanelTests : MudBunitContext
{
    private static readonly DateOnly Day = new(2026, 3, 8);

    private static ApiEnvelope<T> Envelope<T>(T data) where T : class =>
        new(true, data, [], false, [new SourceReport("x", "X", SourceStatus.Ok, 12, Now, null, null)]);

    private static ApiEnvelope<AppointmentTrends> Trends(int completed) =>
        Envelope(new AppointmentTrends(2, [new(Day, new AppointmentStatusCounts(10, 0, 0, completed, 1, 1)), new(Day.AddDays(1), new AppointmentStatusCounts(5, 1, 1, 2, 1, 0))], Now));

    private static RangeCharts Charts() => new(30,
        Trends(6),
        Envelope(new RevenueReport(2, "VND", 3_000, [new(Day, 1_000, 1), new(Day.AddDays(1), 2_000, 2)], [new("Cardiology", 3_000)], Now)),
        Envelope(new PatientGrowth(2, 90, 100, [], Now)),
        Envelope(new TopDoctors(2, [], Now)),
        Envelope(new StockReport(10, 0, [], Now)));

    public ChartsPanelTests() =>
        // As in a circuit: the panel draws its charts only when interactive (prerendered charts would be thrown away).
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    private IRenderedComponent<ChartsPanel> Panel(RangeCharts charts) => Render<ChartsPanel>(p => p.Add(c => c.Charts, charts));

    private static int Renders<TChart>(IRenderedComponent<ChartsPanel> panel) where TChart : Microsoft.AspNetCore.Components.IComponent =>
        panel.FindComponent<TChart>().RenderCount;

    [Fact]
    public void The_same_charts_handed_again_render_nothing()
    {
        var charts = Charts();
        var panel = Panel(charts);
        var before = (Renders<AppointmentTrendsChart>(panel), Renders<RevenueChart>(panel), panel.RenderCount);

        panel.Render(p => p.Add(c => c.Charts, charts));

        Assert.Equal(before, (Renders<AppointmentTrendsChart>(panel), Renders<RevenueChart>(panel), panel.RenderCount));
    }

    [Fact]
    public void Only_the_charts_of_the_changed_part_render()
    {
        var charts = Charts();
        var panel = Panel(charts);
        var trends = Renders<AppointmentTrendsChart>(panel);
        var rates = Renders<CompletionRatesChart>(panel);
        var revenue = Renders<RevenueChart>(panel);
        var growth = Renders<PatientGrowthChart>(panel);

        panel.Render(p => p.Add(c => c.Charts, charts with { Trends = Trends(7) }));

        // A render count here includes the chart's own children (MudChart re-renders itself): more, not one more.
        Assert.True(Renders<AppointmentTrendsChart>(panel) > trends);
        Assert.True(Renders<CompletionRatesChart>(panel) > rates);
        Assert.Equal(revenue, Renders<RevenueChart>(panel));
        Assert.Equal(growth, Renders<PatientGrowthChart>(panel));
    }
}
