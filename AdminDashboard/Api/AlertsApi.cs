using AdminDashboard.Audit;
using AdminDashboard.Core.Alerts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AdminDashboard.Api;

/// <summary>
/// <c>/v1/admin/alerts</c>: the open alerts and those of the last 7 days, and an admin's acknowledgement. The same board
/// the bell, the Alerts page and the SSE stream read; Admin only and audited, as every /v1/admin endpoint.
/// </summary>
public static class AlertsApi
{
    public const string Path = "/alerts";

    public static WebApplication MapDashboardAlerts(this WebApplication app)
    {
        var admin = app.MapAdminGroup();
        admin.MapGet(Path, (IAlertBoard board) => TypedResults.Ok(board.Current))
            .WithName("GetAlerts")
            .WithSummary("Open alerts and those of the last 7 days")
            .WithDescription("`open`: raised or acknowledged, newest first. `recent`: every alert raised or resolved in the last 7 days, open " +
                "or not, newest first. Each alert is `{ id, rule, severity, subject, summary, state, raisedAt, acknowledgedBy, acknowledgedAt, " +
                "resolvedAt }`; `severity` is `info`, `warning` or `critical`, `state` is `raised`, `acknowledged` or `resolved`. Every " +
                "dashboard instance on one Redis answers the same alerts.");
        admin.MapPost(Path + "/{id}/ack", AcknowledgeAsync)
            .AuditedAs(AuditExtensions.Acknowledge)
            .WithName("AcknowledgeAlert")
            .WithSummary("Acknowledge an alert")
            .WithDescription("Records that the caller has seen the alert (who and when); it stays open until its condition has been clear " +
                "for its rule's duration. Acknowledging an acknowledged alert changes nothing and answers it as it is.")
            .Produces<Alert>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<Alert>, ProblemHttpResult>> AcknowledgeAsync(string id, HttpContext context, IAlertBoard board, CancellationToken ct)
    {
        var who = context.User.Identity?.Name ?? Auth.UserIdentity.Key(context.User);
        var outcome = await board.AcknowledgeAsync(id, who, ct);
        var alert = board.Current.Recent.FirstOrDefault(a => a.Id == id) ?? board.Current.Open.FirstOrDefault(a => a.Id == id);
        return outcome switch
        {
            AcknowledgeOutcome.Acknowledged or AcknowledgeOutcome.AlreadyAcknowledged when alert is not null => TypedResults.Ok(alert),
            AcknowledgeOutcome.AlreadyResolved => Problem(StatusCodes.Status409Conflict, "Alert already resolved",
                $"Alert '{id}' resolved at {alert?.ResolvedAt:O}; there is nothing left to acknowledge.", id),
            _ => Problem(StatusCodes.Status404NotFound, "No such alert", $"No alert of the last 7 days has the id '{id}'.", id),
        };
    }

    /// <summary>Problem details naming the path parameter at fault, as the API's other errors name theirs.</summary>
    private static ProblemHttpResult Problem(int status, string title, string detail, string id) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Extensions = { ["id"] = id },
        });
}
