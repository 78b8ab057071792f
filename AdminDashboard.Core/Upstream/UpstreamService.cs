namespace AdminDashboard.Core.Upstream;

/// <summary>The five hospital services the dashboard aggregates.</summary>
public enum UpstreamService
{
    Patients,
    Doctors,
    Appointments,
    Billing,
    Medicine,
}

public static class UpstreamServiceNames
{
    public static IReadOnlyList<UpstreamService> All { get; } = Enum.GetValues<UpstreamService>();

    /// <summary>The name an admin knows the service by, as used in warnings and on the page.</summary>
    public static string DisplayName(this UpstreamService service) => service switch
    {
        UpstreamService.Medicine => "Pharmacy",
        _ => service.ToString(),
    };

    /// <summary>Path segment of the service's admin API (/v1/admin/{segment}/stats).</summary>
    public static string PathSegment(this UpstreamService service) => service.ToString().ToLowerInvariant();

    /// <summary>Wire name in the envelope's <c>sources</c> list.</summary>
    public static string WireName(this UpstreamService service) => service.ToString().ToLowerInvariant();
}
