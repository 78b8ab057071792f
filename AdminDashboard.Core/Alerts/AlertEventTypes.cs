namespace AdminDashboard.Core.Alerts;

/// <summary>The names of alert transitions on the SSE stream and in webhook payloads. The one place that names them.</summary>
public static class AlertEventTypes
{
    public const string Raised = "alert.raised", Acknowledged = "alert.acknowledged", Resolved = "alert.resolved";

    public static string Of(AlertState state) => state switch
    {
        AlertState.Acknowledged => Acknowledged,
        AlertState.Resolved => Resolved,
        _ => Raised,
    };

    /// <summary>The SSE <c>id</c> of a transition: the alert's id and the state it entered (<c>…:resolved</c>), unique per transition.</summary>
    public static string StreamId(Alert alert) => $"{alert.Id}:{alert.State.ToString().ToLowerInvariant()}";
}
