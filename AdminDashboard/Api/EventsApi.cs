using System.Text.Json;
using System.Threading.Channels;
using AdminDashboard.Auth;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Api;

public static class EventsApi
{
    /// <summary>Time between heartbeat comments on an idle stream, so proxies and clients see it is alive.</summary>
    public static TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// <c>GET /v1/admin/events</c>: the live events as Server-Sent Events for external tools (Admin role).
    /// Each event is <c>id: eventId</c>, <c>event: eventType</c>, <c>data: JSON</c>; <c>event: status</c> says whether
    /// live updates flow; <c>alert.raised</c>, <c>alert.acknowledged</c>, <c>alert.resolved</c> for alert transitions;
    /// a <c>: heartbeat</c> comment every 15 s on an idle stream.
    /// </summary>
    public static WebApplication MapDashboardEvents(this WebApplication app)
    {
        app.MapGet("/v1/admin/events", StreamAsync)
            .RequireAuthorization(AuthPolicies.Admin)
            .WithAdminApiResponses()
            .WithName("StreamEvents")
            .WithSummary("Live hospital events as Server-Sent Events")
            .WithDescription("One SSE event per hospital event (`id`: the event id, `event`: its type, `data`: its fields and a " +
                "`description` sentence); `event: status` says whether live updates flow; `alert.raised`, `alert.acknowledged` and " +
                "`alert.resolved` for each alert transition (`id`: the alert id and its new state, `data`: the alert as `GET /v1/admin/alerts` " +
                "gives it); a `: heartbeat` comment every 15 s on an idle stream.")
            .Produces<string>(StatusCodes.Status200OK, contentType: "text/event-stream");
        return app;
    }

    private static async Task StreamAsync(HttpContext context, LiveUpdates hub, IAlertBoard alerts, IHostApplicationLifetime lifetime, AdminDashboard.Audit.AuditLog audit,
        StreamSlots slots, Microsoft.Extensions.Options.IOptions<RateLimitOptions> limits)
    {
        using var slot = slots.TryTake(UserIdentity.Key(context.User));
        if (slot is null)
        {
            context.Response.Headers.RetryAfter = "5";
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many open streams",
                detail: $"A user may hold {limits.Value.StreamsPerUser} event streams at once; close one first.").ExecuteAsync(context);
            return;
        }
        audit.Record(context.User, "subscribe", context.Request.Path, context.Connection.RemoteIpAddress?.ToString());
        // Ends when the client goes or the app stops, so open streams never hold up a shutdown; and when the caller's
        // credential expires, so a stream never outlives the token (or sign-in) that opened it.
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var left = StreamDeadline.Until(context, time);
        var endsAt = left is { } l ? time.GetUtcNow() + l : (DateTimeOffset?)null;
        using var expiry = left is { } wait ? new CancellationTokenSource(wait, time) : new CancellationTokenSource();
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping, expiry.Token);
        var aborted = stream.Token;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";

        var queue = Channel.CreateBounded<LiveNotification>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        using var subscription = hub.Subscribe(n =>
        {
            queue.Writer.TryWrite(n);
            return Task.CompletedTask;
        });
        using var alertSubscription = alerts.Subscribe(t =>
        {
            queue.Writer.TryWrite(new AlertNotification(t));
            return Task.CompletedTask;
        });
        try
        {
            await WriteAsync(context, new StatusNotification(hub.Status), aborted);
            while (!aborted.IsCancellationRequested)
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                heartbeat.CancelAfter(HeartbeatInterval);
                try
                {
                    var notification = await queue.Reader.ReadAsync(heartbeat.Token);
                    await WriteAsync(context, notification, aborted);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": heartbeat\n\n", aborted);
                    await context.Response.Body.FlushAsync(aborted);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: the subscription is disposed on the way out.
        }
        // A timer may fire a fraction of a tick early: the stream never ends before the credential does.
        if (expiry.IsCancellationRequested && endsAt is { } end && end - time.GetUtcNow() is { Ticks: > 0 } remaining)
            await Task.Delay(remaining, time, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>An alert transition queued with the hub's notifications, so one writer orders them all.</summary>
    private sealed record AlertNotification(AlertTransition Transition) : LiveNotification;

    /// <summary>The event's fields plus <c>description</c>, the sentence the dashboard shows, on one line.</summary>
    private static string EventJson(EventNotification e, TimeZoneInfo hospitalZone)
    {
        var node = JsonSerializer.SerializeToNode(e.Event, UpstreamJson.Options)!.AsObject();
        node["description"] = e.Event.Describe(hospitalZone);
        return node.ToJsonString(UpstreamJson.Options);
    }

    /// <summary>
    /// A value for an SSE field line, without the CR or LF that would end the line and let the rest forge a frame.
    /// The parser already admits only safe ids and known types; this keeps the stream safe whatever reaches it.
    /// </summary>
    public static string FieldValue(string value) =>
        value.AsSpan().IndexOfAny('\r', '\n') < 0 ? value : value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);

    private static async Task WriteAsync(HttpContext context, LiveNotification notification, CancellationToken cancellationToken)
    {
        var text = notification switch
        {
            EventNotification e => $"id: {FieldValue(e.Event.EventId)}\nevent: {FieldValue(e.Event.EventType)}\ndata: {EventJson(e, context.RequestServices.GetRequiredService<AdminDashboard.Core.Hospital.HospitalTime>().Zone)}\n\n",
            AlertNotification a =>
                $"id: {FieldValue(AlertEventTypes.StreamId(a.Transition.Alert))}\nevent: {AlertEventTypes.Of(a.Transition.Alert.State)}\ndata: {JsonSerializer.Serialize(a.Transition.Alert, UpstreamJson.Options)}\n\n",
            StatusNotification s =>
                $"event: status\ndata: {JsonSerializer.Serialize(new { live = s.Status.IsLive, reason = s.Status.Reason, since = s.Status.Since }, UpstreamJson.Options)}\n\n",
            _ => null,
        };
        if (text is null) return;
        await context.Response.WriteAsync(text, cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}

/// <summary>How long an SSE stream may stay open: until the bearer token's <c>exp</c>, or the sign-in cookie's expiry.</summary>
public static class StreamDeadline
{
    /// <summary>The longest wait a timer takes; a credential valid longer than this is not cut short by it either.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromDays(24);

    /// <summary>Time left, zero when already expired, null when the credential names no end.</summary>
    public static TimeSpan? Until(HttpContext context, TimeProvider time)
    {
        var expires = context.User.FindFirst("exp")?.Value is { } exp && long.TryParse(exp, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : context.Features.Get<Microsoft.AspNetCore.Authentication.IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc;
        if (expires is not { } end) return null;
        var left = end - time.GetUtcNow();
        // Rounded up to a whole millisecond: timers count whole milliseconds, and a truncated wait would end the stream
        // a fraction of a millisecond before the credential expires.
        return left <= TimeSpan.Zero ? TimeSpan.Zero : left > Longest ? null : TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds));
    }
}
