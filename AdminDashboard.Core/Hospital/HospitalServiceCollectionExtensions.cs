using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Hospital;

public static class HospitalServiceCollectionExtensions
{
    /// <summary>The hospital's zone (validated at start-up) and <see cref="HospitalTime"/> on the one TimeProvider.</summary>
    public static IServiceCollection AddHospitalTime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HospitalOptions>().Bind(configuration.GetSection(HospitalOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HospitalOptions>, ValidateHospitalOptions>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HospitalTime>();
        return services;
    }
}
