using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Tests.Aggregation;

/// <summary>The five services without a network: each answers, fails or hangs as the test says.</summary>
public sealed class FakeHospitalServices : IHospitalServices
{
    public enum Behaviour { Answer, Fail, Hang }

    private readonly Dictionary<UpstreamService, Behaviour> _behaviour = UpstreamServiceNames.All.ToDictionary(s => s, _ => Behaviour.Answer);
    private readonly Dictionary<UpstreamService, int> _calls = UpstreamServiceNames.All.ToDictionary(s => s, _ => 0);
    private static readonly DateTimeOffset AsOf = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public FakeHospitalServices Set(UpstreamService service, Behaviour behaviour)
    {
        _behaviour[service] = behaviour;
        return this;
    }

    public int Calls(UpstreamService service) { lock (_calls) { return _calls[service]; } }

    public static PatientStats Patients { get; } = new(15234, 7851, 7383, 12, 170, 560, 47.4, AsOf);
    public static DoctorStats Doctors { get; } = new(190, 176, 9, 5, 12, [new("Cardiology", 15)], AsOf);
    public static AppointmentStats Appointments { get; } = new(
        new AppointmentStatusCounts(127, 40, 5, 70, 6, 6), new AppointmentStatusCounts(3800, 40, 5, 3100, 300, 355), 800, 22.5, 70, AsOf);
    public static BillingStats Billing { get; } = new("VND", 45_678_000, 80, 300_000_000, 1_500_000_000, 700, 480_000_000, [new("Cardiology", 9_000_000)], AsOf);
    public static MedicineStats Medicine { get; } = new(300, 30, 12, 20, 10, 8, 61_000_000_000, AsOf);

    public Task<PatientStats> GetPatientStatsAsync(CancellationToken ct) => Run(UpstreamService.Patients, Patients, ct);
    public Task<DoctorStats> GetDoctorStatsAsync(CancellationToken ct) => Run(UpstreamService.Doctors, Doctors, ct);
    public Task<AppointmentStats> GetAppointmentStatsAsync(CancellationToken ct) => Run(UpstreamService.Appointments, Appointments, ct);
    public Task<BillingStats> GetBillingStatsAsync(CancellationToken ct) => Run(UpstreamService.Billing, Billing, ct);
    public Task<MedicineStats> GetMedicineStatsAsync(CancellationToken ct) => Run(UpstreamService.Medicine, Medicine, ct);

    private async Task<T> Run<T>(UpstreamService service, T value, CancellationToken ct)
    {
        lock (_calls) { _calls[service]++; }
        switch (_behaviour[service])
        {
            case Behaviour.Fail:
                await Task.Yield();
                throw new UpstreamException(service, "it reported an internal error (HTTP 500)", 500);
            case Behaviour.Hang:
                // Ignores its token on purpose: the aggregator must not depend on callees being polite.
                await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None);
                return value;
            default:
                await Task.Delay(5, ct);
                return value;
        }
    }
}
