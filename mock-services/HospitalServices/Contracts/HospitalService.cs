namespace HospitalServices.Contracts;

/// <summary>The five hospital services. Each owns its data and listens on its own port.</summary>
public enum HospitalService
{
    Patients,
    Doctors,
    Appointments,
    Billing,
    Medicine,
}

public static class HospitalServiceInfo
{
    public static IReadOnlyList<HospitalService> All { get; } = Enum.GetValues<HospitalService>();

    /// <summary>Default loopback port of each service (DESIGN.md).</summary>
    public static int DefaultPort(HospitalService service) => service switch
    {
        HospitalService.Patients => 8082,
        HospitalService.Doctors => 8083,
        HospitalService.Appointments => 8084,
        HospitalService.Billing => 8085,
        HospitalService.Medicine => 8086,
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    /// <summary>Path segment of the service's admin API: /v1/admin/{segment}/stats.</summary>
    public static string PathSegment(HospitalService service) => service.ToString().ToLowerInvariant();
}
