using System.Text.Json;
using System.Text;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Upstream;
using BenchmarkDotNet.Attributes;
using HospitalServices.Guard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorAdmin.Bench.Micro;

/// <summary>Inputs shared with the benchmarks, which BenchmarkDotNet runs in this process (in-process toolchain).</summary>
public static class MicroInputs
{
    /// <summary>A real stats answer captured from the running dashboard; the benchmarks work on its exact shape and size.</summary>
    public static byte[] StatsBody { get; set; } = [];

    public static ApiEnvelope<DashboardStats> Envelope() =>
        JsonSerializer.Deserialize<ApiEnvelope<DashboardStats>>(StatsBody, UpstreamJson.Options)
        ?? throw new InvalidOperationException("No stats body captured for the micro benchmarks.");
}

/// <summary>The compute part of aggregation: five answered calls, under the deadline, into one envelope.</summary>
[MemoryDiagnoser]
public class AggregationBenchmarks
{
    private DashboardAggregator _aggregator = default!;
    private InMemoryServices _services = default!;
    private DashboardFanOut _fanOut = default!;

    [GlobalSetup]
    public void Setup()
    {
        var data = MicroInputs.Envelope().Data!;
        _services = new InMemoryServices(data.Patients!, data.Doctors!, data.Appointments!, data.Revenue!, data.Medicine!);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        _aggregator = new DashboardAggregator(_services, Options.Create(new AggregationOptions()), TimeProvider.System, new DashboardMetrics(meters),
            NullLogger<DashboardAggregator>.Instance, []);
        _fanOut = _aggregator.FanOutAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The least a parallel fan-out can do: start five calls and wait for all.</summary>
    [Benchmark(Baseline = true)]
    public async Task<object> Bare_WhenAll_of_five_calls()
    {
        var ct = CancellationToken.None;
        var p = _services.GetPatientStatsAsync(ct);
        var d = _services.GetDoctorStatsAsync(ct);
        var a = _services.GetAppointmentStatsAsync(ct);
        var b = _services.GetBillingStatsAsync(ct);
        var m = _services.GetMedicineStatsAsync(ct);
        await Task.WhenAll(p, d, a, b, m);
        return (p.Result, d.Result, a.Result, b.Result, m.Result);
    }

    /// <summary>The product's fan-out: deadline, per-call result, timing, metrics and tracing.</summary>
    [Benchmark]
    public Task<DashboardFanOut> FanOut() => _aggregator.FanOutAsync(CancellationToken.None);

    [Benchmark]
    public ApiEnvelope<DashboardStats> BuildEnvelope() => StatsEnvelope.Build(_fanOut, DateTimeOffset.UtcNow, "Asia/Ho_Chi_Minh", 5, fromCache: false);

    private sealed class InMemoryServices(PatientStats p, DoctorStats d, AppointmentStats a, BillingStats b, MedicineStats m) : IHospitalServices
    {
        public Task<PatientStats> GetPatientStatsAsync(CancellationToken ct) => Task.FromResult(p);
        public Task<DoctorStats> GetDoctorStatsAsync(CancellationToken ct) => Task.FromResult(d);
        public Task<AppointmentStats> GetAppointmentStatsAsync(CancellationToken ct) => Task.FromResult(a);
        public Task<BillingStats> GetBillingStatsAsync(CancellationToken ct) => Task.FromResult(b);
        public Task<MedicineStats> GetMedicineStatsAsync(CancellationToken ct) => Task.FromResult(m);
    }
}

/// <summary>The serialization on a cache hit: Redis value in, JSON response out; beside copying the bytes as they are.</summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private byte[] _bytes = [];
    private byte[] _buffer = [];
    private string _text = "";
    private ApiEnvelope<DashboardStats> _envelope = default!;

    [GlobalSetup]
    public void Setup()
    {
        _bytes = MicroInputs.StatsBody;
        _buffer = new byte[_bytes.Length];
        _text = Encoding.UTF8.GetString(_bytes);
        _envelope = MicroInputs.Envelope();
    }

    /// <summary>What the no-logic reference does with a cached answer: copy it out.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Copy_cached_bytes()
    {
        _bytes.AsSpan().CopyTo(_buffer);
        return _buffer;
    }

    /// <summary>As RedisDashboardCache reads today: the value as a string, then parsed.</summary>
    [Benchmark]
    public ApiEnvelope<DashboardStats>? Deserialize_from_string() => JsonSerializer.Deserialize<ApiEnvelope<DashboardStats>>(_text, UpstreamJson.Options);

    [Benchmark]
    public ApiEnvelope<DashboardStats>? Deserialize_from_utf8() => JsonSerializer.Deserialize<ApiEnvelope<DashboardStats>>(_bytes, UpstreamJson.Options);

    [Benchmark]
    public byte[] Serialize_to_utf8() => JsonSerializer.SerializeToUtf8Bytes(_envelope, UpstreamJson.Options);
}

/// <summary>The services' internal guard: SHA-256 of the presented secret, then a constant-time comparison.</summary>
[MemoryDiagnoser]
public class GuardBenchmarks
{
    private const string Secret = "bench-gateway-secret-0123456789abcdef";
    private readonly InternalRequestGuard _guard = new(Secret);
    private readonly string _presented = new(Secret.ToCharArray());
    private readonly string _wrong = Secret[..^1] + "x";

    /// <summary>The naive check (ordinal equality, which leaks the matching prefix through its timing).</summary>
    [Benchmark(Baseline = true)]
    public bool Ordinal_equality() => string.Equals("true", "true", StringComparison.OrdinalIgnoreCase) && string.Equals(_presented, Secret, StringComparison.Ordinal);

    [Benchmark]
    public bool Guard_accepts() => _guard.IsAllowed("true", _presented);

    [Benchmark]
    public bool Guard_refuses() => _guard.IsAllowed("true", _wrong);
}
