using Microsoft.Extensions.Options;
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

public sealed class ValidateDashboardUiOptions : IValidateOptions<DashboardUiOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardUiOptions o)
    {
        var errors = new List<string>();
        if (o.RefreshSeconds is < 1 or > 3600)
            errors.Add($"{DashboardUiOptions.SectionName}:{nameof(o.RefreshSeconds)} must be between 1 and 3600; got {o.RefreshSeconds}.");
        if (o.LiveRefetchWindowMs is < 0 or > 10_000)
            errors.Add($"{DashboardUiOptions.SectionName}:{nameof(o.LiveRefetchWindowMs)} must be between 0 and 10000; got {o.LiveRefetchWindowMs}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public static class DashboardUiExtensions
{
    public static IServiceCollection AddDashboardUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardUiOptions>().Bind(configuration.GetSection(DashboardUiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardUiOptions>, ValidateDashboardUiOptions>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Framing is refused for every response by the security headers (DENY, frame-ancestors 'none').
        services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        services.AddScoped<Live.LiveCircuitHandler>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<Live.LiveCircuitHandler>());
        services.AddMudServices(c =>
        {
            // One toast at a time, in the strip the page keeps free at its foot (.main-content in app.css): a stack of
            // toasts used to cover the cards beneath them. The feed keeps every line; the toast only draws the eye.
            c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            c.SnackbarConfiguration.VisibleStateDuration = 6000;
            c.SnackbarConfiguration.MaxDisplayedSnackbars = 1;
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
