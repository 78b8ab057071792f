using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Hospital;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Aggregation;

public static class AggregationServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardAggregation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AggregationOptions>().Bind(configuration.GetSection(AggregationOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AggregationOptions>, ValidateAggregationOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHospitalTime(configuration);
        services.AddDashboardDiagnostics();
        services.AddTransient<DashboardAggregator>();
        services.AddSingleton<EnvelopeLoader>();
        services.AddHostedService<AggregatorWarmup>();
        return services;
    }
}
