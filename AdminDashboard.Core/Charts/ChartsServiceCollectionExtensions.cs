using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Core.Charts;

public static class ChartsServiceCollectionExtensions
{
    /// <summary>The chart data; needs <c>AddDashboardAggregation</c> and <c>AddDashboardCaching</c>.</summary>
    public static IServiceCollection AddDashboardCharts(this IServiceCollection services) =>
        services.AddSingleton<ChartsService>();
}
