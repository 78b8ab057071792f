using System.Diagnostics;

namespace AdminDashboard.Core.Diagnostics;

/// <summary>The dashboard's spans: one per fan-out, one per service call inside it (the HTTP client spans nest below).</summary>
public static class DashboardTracing
{
    public const string SourceName = "BlazorAdmin.Dashboard";
    public static ActivitySource Source { get; } = new(SourceName);
}
