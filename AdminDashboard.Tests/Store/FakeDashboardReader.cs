using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Store;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Tests.Store;

/// <summary>
/// The store's reads, counted: each stats read answers <see cref="TotalPatients"/> (a test moves it to tell one read's
/// figures from another's), and can be held at <see cref="HoldStats"/> to keep a refresh running.
/// </summary>
public sealed class FakeDashboardReader(DateTimeOffset asOf, string zoneId) : IDashboardReader
{
    private readonly DateTimeOffset _asOf = asOf;
    private int _statsReads;
    private int _chartReads;
    private readonly List<(int Count, TaskCompletionSource Reached)> _readWaiters = [];

    public int StatsReads => Volatile.Read(ref _statsReads);

    public int ChartReads => Volatile.Read(ref _chartReads);

    /// <summary>The total patients the next stats read answers.</summary>
    public int TotalPatients { get; set; } = 100;

    /// <summary>When the answered stats were computed; before an event means the cache answered from before it.</summary>
    public DateTimeOffset ComputedAt { get; set; } = asOf;

    /// <summary>Completed appointments on the trends chart's last day: moving it changes the appointment charts only.</summary>
    public int CompletedToday { get; set; } = 3;

    /// <summary>Set: stats reads wait for it. Null: they answer at once.</summary>
    public TaskCompletionSource? HoldStats { get; set; }

    /// <summary>Set: the growth chart's reads fail.</summary>
    public bool GrowthFails { get; set; }

    /// <summary>Completes once <paramref name="count"/> stats reads have begun (at once when they have).</summary>
    public Task StatsReadsReach(int count)
    {
        lock (_readWaiters)
        {
            if (_statsReads >= count) return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _readWaiters.Add((count, reached));
            return reached.Task;
        }
    }

    public async Task<ApiEnvelope<DashboardStats>> StatsAsync(bool bypassCache, CancellationToken cancellationToken)
    {
        lock (_readWaiters)
        {
            Volatile.Write(ref _statsReads, _statsReads + 1);
            foreach (var waiter in _readWaiters.Where(w => w.Count <= _statsReads).ToList())
            {
                waiter.Reached.TrySetResult();
                _readWaiters.Remove(waiter);
            }
        }
        var total = TotalPatients;
        var computedAt = ComputedAt;
        if (HoldStats is { } hold) await hold.Task.WaitAsync(cancellationToken);
        return Ok(new DashboardStats(total, 10, 50, 1_000_000, null, null, null, null, null,
            new DerivedMetrics(null, null, null, null, null), computedAt, zoneId, 3, true));
    }

    public Task<ApiEnvelope<AppointmentTrends>> AppointmentTrendsAsync(int days, CancellationToken cancellationToken) =>
        Chart(new AppointmentTrends(days, [new(DateOnly.FromDateTime(_asOf.Date), new AppointmentStatusCounts(10, 0, 0, CompletedToday, 0, 0))], _asOf));

    public Task<ApiEnvelope<RevenueReport>> RevenueAsync(int days, CancellationToken cancellationToken) =>
        Chart(new RevenueReport(days, "VND", 1_000, [new(DateOnly.FromDateTime(_asOf.Date), 1_000, 1)], [], _asOf));

    public Task<ApiEnvelope<PatientGrowth>> PatientGrowthAsync(int days, CancellationToken cancellationToken) =>
        GrowthFails ? throw new HttpRequestException("patients is down") : Chart(new PatientGrowth(days, 90, 100, [], _asOf));

    public Task<ApiEnvelope<TopDoctors>> TopDoctorsAsync(int days, CancellationToken cancellationToken) => Chart(new TopDoctors(days, [], _asOf));

    public Task<ApiEnvelope<StockReport>> MedicineStockAsync(CancellationToken cancellationToken) => Chart(new StockReport(10, 0, [], _asOf));

    private Task<ApiEnvelope<T>> Chart<T>(T data) where T : class
    {
        Interlocked.Increment(ref _chartReads);
        return Task.FromResult(Ok(data) with { FromCache = true });
    }

    private static ApiEnvelope<T> Ok<T>(T data) where T : class =>
        new(true, data, [], false, [new SourceReport("x", "X", SourceStatus.Ok, 3, null, null, null)]);
}
