using AdminDashboard.Components.Dashboard;
using AdminDashboard.Core.Upstream;
using MudBlazor;

namespace AdminDashboard.Components.Charts;

public partial class MedicineStockChart
{
    // The table lists every low item; the chart only the first ten, so its bars stay readable.
    private const int ChartedItems = 10;

    // Stock is not a range: the CSV holds more items than the page loads, for whoever orders the stock.
    private static string StockCsv => "/v1/admin/charts/medicine-stock?limit=100&format=csv";

    private readonly BarChartOptions _options = new() { ChartPalette = [ChartPalette.Orange, ChartPalette.Blue], ShowLegend = true, XAxisLabelRotation = 30, MaxNumYAxisTicks = YAxisTicks };

    protected override ChartDrawing? Draw(StockReport s)
    {
        if (s.LowStock.Count == 0) return null;
        var names = s.LowStock.Take(ChartedItems).Select(l => l.Name).ToArray();
        return new(ChartType.Bar, Series(s), names, _options, FullWidth, 240, RoomForRotated(names, _options.XAxisLabelRotation));
    }

    internal static List<ChartSeries<double>> Series(StockReport s) =>
    [
        new() { Name = "Stock", Data = s.LowStock.Take(ChartedItems).Select(l => (double)l.StockQuantity).ToArray() },
        new() { Name = "Reorder point", Data = s.LowStock.Take(ChartedItems).Select(l => (double)l.ReorderPoint).ToArray() },
    ];

    private static string RunsOutIn(StockLine line) =>
        line.StockQuantity == 0 ? "out of stock" : line.DaysToStockOut is { } d ? Formats.Days(d) : Formats.Missing;
}
