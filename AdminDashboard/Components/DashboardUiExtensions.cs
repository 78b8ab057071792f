using MudBlazor.Services;

namespace AdminDashboard.Components;

/// <summary><c>Dashboard</c> section: how the page behaves.</summary>
public sealed class DashboardUiOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Auto-refresh interval of the page; the admin can pause it.</summary>
    public int RefreshSeconds { get; set; } = 5;

    /// <summary>After an event, wait this long for more before one refetch: a burst costs one fan-out per circuit.</summary>
    public int LiveRefetchWindowMs { get; set; } = 150;
}

public static class DashboardUiExtensions
{
    public static IServiceCollection AddDashboardUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardUiOptions>().Bind(configuration.GetSection(DashboardUiOptions.SectionName))
            .Validate(o => o.RefreshSeconds is >= 1 and <= 3600, "Dashboard:RefreshSeconds must be between 1 and 3600.")
            .Validate(o => o.LiveRefetchWindowMs is >= 0 and <= 10_000, "Dashboard:LiveRefetchWindowMs must be between 0 and 10000.")
            .ValidateOnStart();
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Framing is refused for every response by the security headers (DENY, frame-ancestors 'none').
        services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        services.AddScoped<Live.LiveCircuitHandler>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<Live.LiveCircuitHandler>());
        services.AddMudServices(c =>
        {
            c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            c.SnackbarConfiguration.VisibleStateDuration = 6000;
            c.SnackbarConfiguration.MaxDisplayedSnackbars = 4;
        });
        return services;
    }

    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        // Our own CSP already says frame-ancestors 'none'; Blazor's second header would only repeat a weaker rule.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
