using AdminDashboard.Components.Charts;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Upstream;
using Bunit;

namespace AdminDashboard.Tests.Components;

/// <summary>The dashboard's charts, each on its own: what it shows from its envelope, and when it renders again.</summary>
public sealed class ChartWidgetTests : MudBunitContext
{
    private static readonly DateOnly Day = new(2026, 3, 8);

    private static ApiEnvelope<T> Envelope<T>(T data, SourceStatus status = SourceStatus.Ok, bool fromCache = false) =>
        new(true, data, [], status != SourceStatus.Ok, [new SourceReport("x", "X", status, 12, Now, status == SourceStatus.Stale ? 240 : null, null)])
        { FromCache = fromCache };

    private static AppointmentTrends Trends(int completedOnLastDay = 3) => new(3,
    [
        new(Day, new AppointmentStatusCounts(10, 0, 0, 6, 2, 2)),
        new(Day.AddDays(1), new AppointmentStatusCounts(5, 1, 1, 2, 1, 0)),
        new(Day.AddDays(2), new AppointmentStatusCounts(4, 0, 0, completedOnLastDay, 0, 1)),
    ], Now);

    private static RevenueReport Revenue() => new(3, "VND", 6_500_000,
        [new(Day, 1_000_000, 2), new(Day.AddDays(1), 2_500_000, 3), new(Day.AddDays(2), 3_000_000, 4)],
        [new("Cardiology", 4_000_000), new("Pediatrics", 2_500_000)], Now);

    [Fact]
    public void Appointments_chart_titles_its_range_links_its_csv_and_draws_its_bars()
    {
        var chart = Render<AppointmentTrendsChart>(p => p.Add(c => c.Envelope, Envelope(Trends())).Add(c => c.Days, 7));

        var card = chart.Find("[data-section=chart-appointments]");
        Assert.Contains("Appointments per day, last 7 days", card.TextContent);
        Assert.Equal("/v1/admin/charts/appointment-trends?days=7&format=csv", chart.Find("[data-testid=csv-link]").GetAttribute("href"));
        Assert.NotEmpty(chart.FindAll(".mud-chart"));
        Assert.Equal("live", chart.Find("[data-testid=section-status]").TextContent.Trim());
    }

    [Fact]
    public void Appointment_series_stack_completed_no_show_cancelled_and_waiting_per_day()
    {
        var series = AppointmentTrendsChart.Series(Trends());

        Assert.Equal(["Completed", "No-show", "Cancelled", "Scheduled / waiting"], series.Select(s => s.Name));
        Assert.Equal([6.0, 2, 3], series[0].Data.Values);
        Assert.Equal([0.0, 2, 0], series[3].Data.Values);
    }

    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.DateTime);

    [Fact]
    public void Rates_are_percentages_of_the_known_outcomes_and_zero_on_a_past_day_without_any()
    {
        var rates = CompletionRatesChart.Series(CompletionRatesChart.FullDays(Trends(), Today.AddDays(1)));

        Assert.Equal([75.0, 100, 75], rates[0].Data.Values);
        Assert.Equal([25.0, 0, 25], rates[1].Data.Values);
        Assert.Equal([0.0], CompletionRatesChart.Series([new(Day, new AppointmentStatusCounts(2, 2, 0, 0, 0, 0))])[0].Data.Values);
    }

    [Fact]
    public void Today_under_way_is_left_out_of_the_rate_line_and_told_so_far_in_words()
    {
        // Early morning: two of today's appointments are booked, none has finished.
        var morning = new AppointmentTrends(3,
        [
            new(Today.AddDays(-2), new AppointmentStatusCounts(10, 0, 0, 6, 2, 2)),
            new(Today.AddDays(-1), new AppointmentStatusCounts(5, 1, 1, 2, 1, 0)),
            new(Today, new AppointmentStatusCounts(2, 2, 0, 0, 0, 0)),
        ], Now);

        var days = CompletionRatesChart.FullDays(morning, Today);

        Assert.Equal([Today.AddDays(-2), Today.AddDays(-1)], days.Select(d => d.Date));
        Assert.Equal([75.0, 100], CompletionRatesChart.Series(days)[0].Data.Values);
        Assert.Equal("Today so far: no outcome known yet of 2 appointments. The line shows full days, up to yesterday.", CompletionRatesChart.SoFar(morning, Today));
        Assert.Equal("Today so far: 75.0% completed, 25.0% no-show, of 4 outcomes known (4 appointments). The line shows full days, up to yesterday.",
            CompletionRatesChart.SoFar(Trends(), Today));
        Assert.Null(CompletionRatesChart.SoFar(Trends(), Today.AddDays(5)));
    }

    [Fact]
    public void Rates_chart_tells_today_so_far_beside_the_line()
    {
        var chart = Render<CompletionRatesChart>(p => p.Add(c => c.Envelope, Envelope(Trends())).Add(c => c.Days, 3));

        Assert.StartsWith("Today so far: 75.0% completed", chart.Find("[data-testid=rates-today]").TextContent);
    }

    [Fact]
    public void Revenue_chart_shows_the_total_and_one_bar_per_day()
    {
        var chart = Render<RevenueChart>(p => p.Add(c => c.Envelope, Envelope(Revenue())).Add(c => c.Days, 7));

        Assert.Contains("Revenue per day, last 7 days", chart.Find("[data-section=chart-revenue]").TextContent);
        Assert.Contains("6,500,000", chart.Markup);
        Assert.Equal([1_000_000.0, 2_500_000, 3_000_000], RevenueChart.Series(Revenue()).Single().Data.Values);
    }

    [Fact]
    public void Department_chart_labels_each_department_with_its_revenue()
    {
        var chart = Render<RevenueByDepartmentChart>(p => p.Add(c => c.Envelope, Envelope(Revenue())));

        Assert.Contains("Cardiology", chart.Find("[data-section=chart-departments]").TextContent);
        Assert.Equal([4_000_000.0, 2_500_000], RevenueByDepartmentChart.Series(Revenue()).Single().Data.Values);
    }

    [Fact]
    public void Growth_chart_says_how_many_registered_in_the_range_and_in_all()
    {
        var growth = new PatientGrowth(3, 1_000, 1_012, [new(Day, 5), new(Day.AddDays(1), 4), new(Day.AddDays(2), 3)], Now);

        var chart = Render<PatientGrowthChart>(p => p.Add(c => c.Envelope, Envelope(growth)));

        Assert.Contains("12 new, 1,012 registered in all", chart.Find("[data-section=chart-growth]").TextContent);
        Assert.Equal([5.0, 4, 3], PatientGrowthChart.Series(growth).Single().Data.Values);
    }

    [Fact]
    public void Top_doctors_chart_ranks_doctors_by_appointments_beside_completed()
    {
        var top = new TopDoctors(30, [new(7, "Dr. Grace Ho", "Cardiology", 40, 31, 3), new(9, "Dr. Minh Tran", "Pediatrics", 25, 20, 1)], Now);

        var chart = Render<TopDoctorsChart>(p => p.Add(c => c.Envelope, Envelope(top)));

        Assert.NotEmpty(chart.Find("[data-section=chart-top-doctors]").QuerySelectorAll(".mud-chart"));
        var series = TopDoctorsChart.Series(top);
        Assert.Equal([40.0, 25], series[0].Data.Values);
        Assert.Equal([31.0, 20], series[1].Data.Values);
    }

    [Fact]
    public void Stock_chart_lists_every_low_item_and_says_out_of_stock_for_none_left()
    {
        var stock = new StockReport(120, 2,
            [new(1, "Amoxicillin 500 mg", 0, 50, 0, new DateOnly(2027, 1, 1)), new(2, "Paracetamol 500 mg", 40, 100, 2.5, new DateOnly(2027, 6, 1))], Now);

        var chart = Render<MedicineStockChart>(p => p.Add(c => c.Envelope, Envelope(stock)));

        Assert.Contains("2 of 120 items at or below the reorder point", chart.Find("[data-section=chart-stock]").TextContent);
        var rows = chart.FindAll("[data-testid=low-stock-table] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("out of stock", rows[0].TextContent);
        Assert.Contains("2.5 days", rows[1].TextContent);
        Assert.Equal("/v1/admin/charts/medicine-stock?limit=100&format=csv", chart.Find("[data-testid=csv-link]").GetAttribute("href"));
    }

    [Fact]
    public void A_chart_without_its_envelope_yet_shows_the_loading_skeleton()
    {
        var chart = Render<RevenueChart>(p => p.Add(c => c.Envelope, null));

        Assert.NotEmpty(chart.FindAll(".mud-skeleton"));
        Assert.Empty(chart.FindAll(".mud-chart"));
    }

    [Fact]
    public void A_chart_whose_service_failed_says_why_and_draws_nothing()
    {
        var failed = new ApiEnvelope<RevenueReport>(false, null, [], true,
            [new SourceReport("billing", "Billing", SourceStatus.Error, 12, null, null, "it reported an internal error (HTTP 500)")]);

        var chart = Render<RevenueChart>(p => p.Add(c => c.Envelope, failed));

        Assert.Contains("it reported an internal error (HTTP 500)", chart.Find("[data-testid=section-unavailable]").TextContent);
        Assert.Empty(chart.FindAll(".mud-chart"));
        Assert.Empty(chart.FindAll("[data-testid=csv-link]"));
    }

    [Fact]
    public void A_chart_handed_the_same_envelope_again_does_not_render_again()
    {
        var envelope = Envelope(Trends());
        var chart = Render<CountingTrendsChart>(p => p.Add(c => c.Envelope, envelope).Add(c => c.Days, 30));
        Assert.Equal(1, chart.Instance.Renders);

        chart.Render(p => p.Add(c => c.Envelope, envelope).Add(c => c.Days, 30));

        Assert.Equal(1, chart.Instance.Renders);
    }

    [Fact]
    public void A_chart_renders_again_for_a_new_envelope_or_a_new_range()
    {
        var chart = Render<CountingTrendsChart>(p => p.Add(c => c.Envelope, Envelope(Trends())).Add(c => c.Days, 30));

        chart.Render(p => p.Add(c => c.Envelope, Envelope(Trends(completedOnLastDay: 4))).Add(c => c.Days, 30));
        Assert.Equal(2, chart.Instance.Renders);

        chart.Render(p => p.Add(c => c.Days, 7));
        Assert.Equal(3, chart.Instance.Renders);
        Assert.Contains("last 7 days", chart.Markup);
    }

    /// <summary>Counts its own renders (not MudChart's, which re-renders itself after the first one).</summary>
    public sealed class CountingTrendsChart : AppointmentTrendsChart
    {
        public int Renders { get; private set; }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            Renders++;
            base.BuildRenderTree(builder);
        }
    }

    [Fact]
    public void Figures_answered_again_from_the_cache_show_the_same()
    {
        Assert.True(ChartWidget<AppointmentTrends>.ShowsTheSame(Envelope(Trends()), Envelope(Trends(), fromCache: true)));
    }

    [Fact]
    public void Changed_figures_do_not_show_the_same()
    {
        Assert.False(ChartWidget<AppointmentTrends>.ShowsTheSame(Envelope(Trends()), Envelope(Trends(completedOnLastDay: 4))));
    }

    [Fact]
    public void Stale_figures_never_show_the_same_because_their_age_moves_on()
    {
        var stale = Envelope(Trends(), SourceStatus.Stale);

        Assert.False(ChartWidget<AppointmentTrends>.ShowsTheSame(stale, stale));
    }

    [Fact]
    public void Nothing_shown_yet_never_shows_the_same()
    {
        Assert.False(ChartWidget<AppointmentTrends>.ShowsTheSame(null, Envelope(Trends())));
    }
}
