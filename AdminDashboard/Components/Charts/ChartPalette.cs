namespace AdminDashboard.Components.Charts;

/// <summary>Okabe-Ito colours: distinguishable with the common forms of colour blindness, on light and dark backgrounds.</summary>
public static class ChartPalette
{
    public const string Blue = "#0072B2";
    public const string Orange = "#E69F00";
    public const string Green = "#009E73";
    public const string Vermillion = "#D55E00";
    public const string Purple = "#CC79A7";
    public const string Sky = "#56B4E9";
    public const string Yellow = "#F0E442";

    public static string[] All { get; } = [Blue, Orange, Green, Vermillion, Purple, Sky, Yellow];
}
