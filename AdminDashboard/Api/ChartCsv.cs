using System.Globalization;
using System.Text;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Api;

/// <summary>The charts' CSV downloads. Names come from the services, so every text cell goes through <see cref="Text"/>.</summary>
public static class ChartCsv
{
    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A text cell as a spreadsheet will not run it: always quoted (so CR/LF and commas stay inside the cell), and a
    /// leading <c>= + - @</c>, tab or CR prefixed with <c>'</c>, so a name like <c>=HYPERLINK("…")</c> from a service
    /// is shown as text instead of becoming a formula on the admin's machine (OWASP "CSV injection").
    /// </summary>
    public static string Text(string? s)
    {
        s ??= "";
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r') s = "'" + s;
        return "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static void PatientGrowth(StringBuilder csv, PatientGrowth g)
    {
        csv.AppendLine("date,registrations,total");
        var total = g.TotalBefore;
        foreach (var d in g.Daily)
        {
            total += d.Registrations;
            csv.AppendLine(CultureInfo.InvariantCulture, $"{Date(d.Date)},{d.Registrations},{total}");
        }
    }

    public static void AppointmentTrends(StringBuilder csv, AppointmentTrends t)
    {
        csv.AppendLine("date,total,scheduled,checked_in,completed,cancelled,no_show");
        foreach (var d in t.Daily)
        {
            var c = d.Counts;
            csv.AppendLine(CultureInfo.InvariantCulture, $"{Date(d.Date)},{c.Total},{c.Scheduled},{c.CheckedIn},{c.Completed},{c.Cancelled},{c.NoShow}");
        }
    }

    public static void Revenue(StringBuilder csv, RevenueReport r)
    {
        csv.AppendLine(CultureInfo.InvariantCulture, $"date,amount_{new string([.. r.Currency.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)])},payments");
        foreach (var d in r.Daily) csv.AppendLine(CultureInfo.InvariantCulture, $"{Date(d.Date)},{d.Amount},{d.Payments}");
    }

    public static void TopDoctors(StringBuilder csv, TopDoctors t)
    {
        csv.AppendLine("doctor_id,doctor,department,appointments,completed,no_show");
        foreach (var d in t.Doctors)
            csv.AppendLine(CultureInfo.InvariantCulture, $"{d.DoctorId},{Text(d.DoctorName)},{Text(d.Department)},{d.Appointments},{d.Completed},{d.NoShow}");
    }

    public static void Stock(StringBuilder csv, StockReport s)
    {
        csv.AppendLine("id,name,stock,reorder_point,days_to_stock_out,expiry_date");
        foreach (var l in s.LowStock)
            csv.AppendLine(CultureInfo.InvariantCulture, $"{l.Id},{Text(l.Name)},{l.StockQuantity},{l.ReorderPoint},{l.DaysToStockOut},{Date(l.ExpiryDate)}");
    }
}
