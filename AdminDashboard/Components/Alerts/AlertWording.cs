using System.Globalization;
using AdminDashboard.Components.Dashboard;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Hospital;
using MudBlazor;

namespace AdminDashboard.Components.Alerts;

/// <summary>How the bell, the toast and the Alerts page word and colour an alert, in one place so they agree.</summary>
public static class AlertWording
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>The bell's accessible name: "1 open alert", "3 open alerts", "0 open alerts".</summary>
    public static string OpenCount(int count) => Formats.Counted(count, "open alert");

    /// <summary>The wire form, lower case: <c>critical</c>, <c>warning</c>, <c>info</c>.</summary>
    public static string Severity(AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    public static string State(AlertState state) => state.ToString().ToLowerInvariant();

    /// <summary>Theme colours only (DashboardTheme), so every chip reads at 4.5:1 in both themes.</summary>
    public static Color SeverityColor(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => Color.Error,
        AlertSeverity.Warning => Color.Warning,
        _ => Color.Info,
    };

    public static Color StateColor(AlertState state) => state switch
    {
        AlertState.Raised => Color.Error,
        AlertState.Acknowledged => Color.Info,
        _ => Color.Success,
    };

    public static MudBlazor.Severity ToastSeverity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => MudBlazor.Severity.Error,
        AlertSeverity.Warning => MudBlazor.Severity.Warning,
        _ => MudBlazor.Severity.Info,
    };

    /// <summary>Date and time on the hospital's clock (the zone is labelled once, in the column's heading): a week of alerts spans days.</summary>
    public static string At(HospitalTime clock, DateTimeOffset at) => clock.ToLocal(at).ToString("yyyy-MM-dd HH:mm", Culture);

    /// <summary>How long an alert has been open: "under 1 min", "4 min", "2 h 5 min"; the page refreshes it every half minute, so no seconds.</summary>
    public static string Age(DateTimeOffset raisedAt, DateTimeOffset now)
    {
        var seconds = (long)Math.Max(0, (now - raisedAt).TotalSeconds);
        return seconds < 60 ? "under 1 min" : SourceWording.DescribeAge(seconds);
    }

    /// <summary>An alert named in a sentence: "the critical alert on billing" (its summary ends in a full stop of its own).</summary>
    public static string Name(Alert alert) => $"the {Severity(alert.Severity)} alert on {alert.Subject}";

    /// <summary>"admin@hospital at 2026-03-10 09:05", or nothing while nobody has acknowledged it.</summary>
    public static string Acknowledged(HospitalTime clock, Alert alert) =>
        alert.AcknowledgedBy is null ? "" : alert.AcknowledgedAt is { } at ? $"{alert.AcknowledgedBy} at {At(clock, at)}" : alert.AcknowledgedBy;
}
