using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Core.Stats;

public static class StatsServiceCollectionExtensions
{
    /// <summary>The headline stats (<c>admin:stats:v1</c>); needs <c>AddDashboardAggregation</c> and <c>AddDashboardCaching</c>.</summary>
    public static IServiceCollection AddDashboardStats(this IServiceCollection services) =>
        services.AddSingleton<DashboardStatsService>();
}
