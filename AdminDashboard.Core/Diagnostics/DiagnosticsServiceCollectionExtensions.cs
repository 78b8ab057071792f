using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminDashboard.Core.Diagnostics;

public static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>The dashboard's meter. Each area that records into it calls this; the second call adds nothing.</summary>
    public static IServiceCollection AddDashboardDiagnostics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<DashboardMetrics>();
        return services;
    }
}
