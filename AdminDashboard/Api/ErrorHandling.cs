namespace AdminDashboard.Api;

public static class ErrorHandling
{
    /// <summary>Problem details for API errors (RFC 9457); the UI keeps its own error and not-found pages.</summary>
    public static WebApplication UseDashboardErrorHandling(this WebApplication app)
    {
        // Client errors the framework raises are answered and logged by ClientErrorExceptionHandler; the rest are 500s.
        app.UseExceptionHandler();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/v1"), api => api.UseStatusCodePages());
        // The scrape target is read by a machine: its 401 stays a bare 401, not the not-found page.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/v1") && !c.Request.Path.StartsWithSegments(Observability.MetricsAccess.Path),
            ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        return app;
    }
}
