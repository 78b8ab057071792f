namespace AdminDashboard.Core.Health;

/// <summary>Tags of the health checks: <c>ready</c> ones make up /health/ready.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
