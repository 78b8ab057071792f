using System.Text;
using AdminDashboard.Api;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Tests.Api;

/// <summary>Names in the CSV downloads come from the services; a spreadsheet must show them, never run them.</summary>
public sealed class ChartCsvTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(7));

    private static string[] TopDoctorsRows(params DoctorRanking[] doctors)
    {
        var csv = new StringBuilder();
        ChartCsv.TopDoctors(csv, new TopDoctors(30, doctors, AsOf));
        return csv.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void A_doctor_named_as_a_formula_is_exported_as_quoted_text()
    {
        var rows = TopDoctorsRows(new DoctorRanking(7, "=HYPERLINK(\"x\")", "Cardiology", 12, 10, 1));

        Assert.Equal("doctor_id,doctor,department,appointments,completed,no_show", rows[0]);
        Assert.Equal("7,\"'=HYPERLINK(\"\"x\"\")\",\"Cardiology\",12,10,1", rows[1]);
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("Nguyen, An", "\"Nguyen, An\"")]
    [InlineData("An = B", "\"An = B\"")]
    [InlineData("", "\"\"")]
    public void Every_text_cell_is_quoted_and_a_formula_prefix_is_neutralised(string name, string cell)
    {
        Assert.Equal(cell, ChartCsv.Text(name));
    }

    [Fact]
    public void A_line_break_inside_a_name_stays_inside_its_quotes()
    {
        var csv = new StringBuilder();
        ChartCsv.Stock(csv, new StockReport(1, 1, [new StockLine(3, "Para\r\ncetamol", 1, 5, 2.5, new DateOnly(2027, 1, 1))], AsOf));

        Assert.Contains("3,\"Para\r\ncetamol\",1,5,2.5,2027-01-01", csv.ToString());
    }

    [Fact]
    public void A_currency_cannot_smuggle_a_cell_into_the_header()
    {
        var csv = new StringBuilder();
        ChartCsv.Revenue(csv, new RevenueReport(1, "VND,=cmd", 0, [], [], AsOf));

        Assert.StartsWith("date,amount_vndcmd,payments", csv.ToString());
    }
}
