using AdminDashboard.Core.Upstream;
using MudBlazor;

namespace AdminDashboard.Components.Charts;

public partial class TopDoctorsChart
{
    private readonly BarChartOptions _options = new() { ChartPalette = [ChartPalette.Blue, ChartPalette.Green], ShowLegend = true, XAxisLabelRotation = 30, MaxNumYAxisTicks = YAxisTicks };

    protected override ChartDrawing Draw(TopDoctors top)
    {
        var names = Names(top);
        return new(ChartType.Bar, Series(top), names, _options, HalfWidth, 260, RoomForRotated(names, _options.XAxisLabelRotation));
    }

    internal static List<ChartSeries<double>> Series(TopDoctors top) =>
    [
        new() { Name = "Appointments", Data = top.Doctors.Select(d => (double)d.Appointments).ToArray() },
        new() { Name = "Completed", Data = top.Doctors.Select(d => (double)d.Completed).ToArray() },
    ];

    // Every name is a doctor's: the title without "Dr. " leaves room under the rotated labels.
    private static string[] Names(TopDoctors top) => top.Doctors.Select(d => d.DoctorName.Replace("Dr. ", "")).ToArray();
}
