using System.Diagnostics;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Hospital;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Upstream;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static AdminDashboard.Tests.Aggregation.FakeHospitalServices;

namespace AdminDashboard.Tests.Aggregation;

public sealed class DashboardAggregatorTests
{
    private const int DeadlineMs = 200;

    // For tests where no call should time out: a deadline no pause of a loaded machine (a cold JIT, a GC) reaches.
    private const int NoTimeoutDeadlineMs = 30_000;

    // The hanging fakes hold for 30 s: finishing near the deadline proves nobody waited for them. The margin allows
    // for a 2-core CI machine busy with other processes; bench/stats-latency.sh measures the real figure.
    private const int MarginMs = 750;

    private static DashboardAggregator CreateAggregator(IHospitalServices services)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return new DashboardAggregator(services, Options.Create(new AggregationOptions { DeadlineMs = DeadlineMs }),
            TimeProvider.System, new DashboardMetrics(meters), NullLogger<DashboardAggregator>.Instance, []);
    }

    private static async Task<(ApiEnvelope<DashboardStats> Envelope, long ElapsedMs)> Aggregate(FakeHospitalServices fake)
    {
        // Measure the deadline, not the first-call JIT of a cold test process.
        await CreateAggregator(new FakeHospitalServices()).FanOutAsync(CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        var fanOut = await CreateAggregator(fake).FanOutAsync(CancellationToken.None);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (StatsEnvelope.Build(fanOut, TimeProvider.System.GetUtcNow(), HospitalOptions.DefaultTimeZone, elapsed, false), elapsed);
    }

    [Fact]
    public async Task All_services_up_gives_a_whole_envelope_with_headline_figures_and_derived_metrics()
    {
        var (envelope, _) = await Aggregate(new FakeHospitalServices());

        Assert.True(envelope.Success);
        Assert.False(envelope.Partial);
        Assert.Empty(envelope.Warnings);
        var data = envelope.Data!;
        Assert.Equal(15234, data.TotalPatients);
        Assert.Equal(176, data.ActiveDoctors);
        Assert.Equal(127, data.TodayAppointments);
        Assert.Equal(45_678_000, data.RevenueToday);
        Assert.Same(FakeHospitalServices.Billing, data.Revenue);
        Assert.Equal(70.0 / 76, data.Derived.AppointmentCompletionRateToday!.Value, 3);
        Assert.Equal(6.0 / 76, data.Derived.NoShowRateToday!.Value, 3);
        Assert.Equal(45_678_000 / 70, data.Derived.RevenuePerVisitToday);
        Assert.All(envelope.Sources, s => Assert.Equal(SourceStatus.Ok, s.Status));
        Assert.Equal(5, envelope.Sources.Count);
    }

    [Fact]
    public async Task Stats_are_partial_with_a_warning_when_billing_errors()
    {
        var (envelope, _) = await Aggregate(new FakeHospitalServices().Set(UpstreamService.Billing, Behaviour.Fail));

        Assert.True(envelope.Success);
        Assert.True(envelope.Partial);
        Assert.Null(envelope.Data!.Revenue);
        Assert.Null(envelope.Data.RevenueToday);
        Assert.Null(envelope.Data.Derived.RevenuePerVisitToday);
        Assert.Equal(15234, envelope.Data.TotalPatients);
        var warning = Assert.Single(envelope.Warnings);
        Assert.StartsWith("Billing service temporarily unavailable", warning);
        Assert.Contains("HTTP 500", warning);
        var billing = Assert.Single(envelope.Sources, s => s.Service == "billing");
        Assert.Equal(SourceStatus.Error, billing.Status);
        Assert.Null(billing.AsOf);
    }

    [Fact]
    public async Task Stats_return_partial_within_the_deadline_when_billing_hangs()
    {
        var (envelope, elapsed) = await Aggregate(new FakeHospitalServices().Set(UpstreamService.Billing, Behaviour.Hang));

        Assert.InRange(elapsed, DeadlineMs - 10, DeadlineMs + MarginMs);
        Assert.True(envelope.Partial);
        Assert.Null(envelope.Data!.Revenue);
        Assert.Equal(SourceStatus.Timeout, Assert.Single(envelope.Sources, s => s.Service == "billing").Status);
        var warning = Assert.Single(envelope.Warnings);
        Assert.Equal($"Billing service temporarily unavailable: no answer within {DeadlineMs} ms", warning);
        Assert.Equal(4, envelope.Sources.Count(s => s.Status == SourceStatus.Ok));
    }

    [Fact]
    public async Task All_services_down_still_gives_a_well_formed_envelope()
    {
        var fake = new FakeHospitalServices();
        foreach (var service in UpstreamServiceNames.All)
            fake.Set(service, service is UpstreamService.Doctors or UpstreamService.Medicine ? Behaviour.Hang : Behaviour.Fail);

        var (envelope, elapsed) = await Aggregate(fake);

        Assert.InRange(elapsed, 0, DeadlineMs + MarginMs);
        Assert.False(envelope.Success);
        Assert.True(envelope.Partial);
        Assert.Equal(5, envelope.Warnings.Count);
        Assert.Contains(envelope.Warnings, w => w.StartsWith("Pharmacy service temporarily unavailable"));
        var data = envelope.Data!;
        Assert.Null(data.TotalPatients);
        Assert.Null(data.Patients);
        Assert.Null(data.Medicine);
        Assert.Null(data.Derived.AppointmentCompletionRateToday);
        Assert.DoesNotContain(envelope.Sources, s => s.Status == SourceStatus.Ok);
    }

    private sealed class RecordingObserver : IUpstreamCallObserver
    {
        public List<(UpstreamService Service, SourceStatus Status, string? Error)> Calls { get; } = [];

        public void Observe(UpstreamService service, SourceStatus status, long elapsedMs, string? error)
        {
            lock (Calls) Calls.Add((service, status, error));
        }
    }

    [Fact]
    public async Task Every_observer_hears_how_each_call_of_a_fan_out_ended()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var (first, second) = (new RecordingObserver(), new RecordingObserver());
        var aggregator = new DashboardAggregator(new FakeHospitalServices().Set(UpstreamService.Billing, Behaviour.Fail),
            Options.Create(new AggregationOptions { DeadlineMs = NoTimeoutDeadlineMs }), TimeProvider.System, new DashboardMetrics(meters),
            NullLogger<DashboardAggregator>.Instance, [first, second]);

        await aggregator.FanOutAsync(CancellationToken.None);

        foreach (var observer in new[] { first, second })
        {
            Assert.Equal(UpstreamServiceNames.All.Order(), observer.Calls.Select(c => c.Service).Order());
            var billing = Assert.Single(observer.Calls, c => c.Service == UpstreamService.Billing);
            Assert.Equal(SourceStatus.Error, billing.Status);
            Assert.NotNull(billing.Error);
            Assert.All(observer.Calls.Where(c => c.Service != UpstreamService.Billing), c => Assert.Equal(SourceStatus.Ok, c.Status));
        }
    }

    [Fact]
    public async Task Upstream_calls_are_counted_by_service_and_outcome()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var metrics = new DashboardMetrics(meters);
        using var collector = new MetricCollector<long>(meters, DashboardMetrics.MeterName, "dashboard.upstream.calls");
        var aggregator = new DashboardAggregator(new FakeHospitalServices().Set(UpstreamService.Billing, Behaviour.Fail),
            Options.Create(new AggregationOptions { DeadlineMs = NoTimeoutDeadlineMs }), TimeProvider.System, metrics, NullLogger<DashboardAggregator>.Instance, []);

        await aggregator.FanOutAsync(CancellationToken.None);

        var measurements = collector.GetMeasurementSnapshot();
        Assert.Equal(5, measurements.Count);
        Assert.Single(measurements, m => (string?)m.Tags["service"] == "billing" && (string?)m.Tags["status"] == "error");
    }
}
