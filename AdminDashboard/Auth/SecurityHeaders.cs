namespace AdminDashboard.Auth;

/// <summary>
/// Headers on every response: a CSP that Blazor Server and MudBlazor work with (scripts only from this origin,
/// inline styles allowed for MudBlazor, WebSocket back to this origin), no framing, no MIME sniffing, no referrer.
/// HSTS outside Development. <c>connect-src 'self'</c> covers the circuit's WebSocket: under CSP Level 3 'self' also
/// matches ws:/wss: to the same host and port, so no scheme-wide ws:/wss: source (any host) is needed.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self' https://login.microsoftonline.com; object-src 'none'";

    public static WebApplication UseDashboardSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use((context, next) =>
        {
            // Set as the response starts, not now: the exception handler clears the headers of a response it rewrites.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
        return app;
    }
}
