using MudBlazor.Services;

namespace AdminDashboard.Components;

public static class DashboardUiExtensions
{
    public static IServiceCollection AddDashboardUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Framing is refused for every response by the security headers (DENY, frame-ancestors 'none').
        services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        services.AddSingleton<Charts.ChartDrawings>();
        services.AddScoped<Live.LiveCircuitHandler>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<Live.LiveCircuitHandler>());
        services.AddMudServices(c =>
        {
            // One toast at a time, in the strip the page keeps free at its foot (.main-content in app.css): a stack of
            // toasts used to cover the cards beneath them. The feed keeps every line; the toast only draws the eye.
            c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            c.SnackbarConfiguration.VisibleStateDuration = 6000;
            c.SnackbarConfiguration.MaxDisplayedSnackbars = 1;
            // Fully opaque: at MudBlazor's 95 % the toast's contrast depended on whatever lay beneath it (4.1:1 over a card).
            c.SnackbarConfiguration.MaximumOpacity = 100;
            // MudBlazor fades a toast in by a server timer and a second render batch per page; with 20 pages open that
            // was 0.4 batches per event per page. The fade is the browser's own CSS animation instead (app.css).
            c.SnackbarConfiguration.ShowTransitionDuration = 0;
        });
        return services;
    }

    /// <summary>Where Blazor maps its circuit's hub, negotiation, initializers and disconnect endpoints.</summary>
    public const string BlazorHubPrefix = "/_blazor";

    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        // Our own CSP already says frame-ancestors 'none'; Blazor's second header would only repeat a weaker rule.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null)
            .Add(endpoint =>
            {
                // The circuit's own endpoints admit a wall screen too: without them the wall never goes live. What the
                // circuit may render is still each page's own policy (AuthorizeRouteView), so a Viewer's circuit
                // shows the wall and nothing else.
                if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.StartsWith(BlazorHubPrefix, StringComparison.Ordinal))
                    endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(Auth.AuthPolicies.Wall));
            });
        return app;
    }
}
