using System.Globalization;

namespace AdminDashboard.Components.Dashboard;

/// <summary>How the page writes figures. A missing figure is "--", never 0.</summary>
public static class Formats
{
    public const string Missing = "--";
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static string Count(long? value) => value is null ? Missing : value.Value.ToString("N0", Culture);

    /// <summary>A count with its noun, singular for exactly one: "1 payment", "2 payments", "0 payments", "-- payments".</summary>
    public static string Counted(long? value, string singular, string? plural = null) =>
        $"{Count(value)} {(value == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>A number of days that may have a fraction: "1 day", "0.5 days", "2.5 days".</summary>
    public static string Days(double days)
    {
        var text = days.ToString("0.#", Culture);
        return text == "1" ? "1 day" : text + " days";
    }

    public static string Money(long? amount, string? currency) =>
        amount is null ? Missing : $"{amount.Value.ToString("N0", Culture)} {currency ?? ""}".TrimEnd();

    public static string Percent(double? ratio) => ratio is null ? Missing : (ratio.Value * 100).ToString("0.0", Culture) + "%";

    public static string Minutes(double? minutes) => minutes is null ? Missing : minutes.Value.ToString("0", Culture) + " min";

    // Times of day are written by HospitalTime (injected as Clock), in the hospital's zone, never the server's.
}
