using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Upstream;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Aggregation;

/// <summary>
/// The chart data the page and <c>/v1/admin/charts/*</c> show: one upstream call per chart under the deadline,
/// cached under the seed's key with its family's TTL, served stale from last-known-good when the service fails.
/// </summary>
public sealed class ChartsService(
    IServiceProvider services, SingleFlightLoader loader, LastKnownGoodStore lastKnownGood, IOptions<AggregationOptions> options, TimeProvider time)
{
    public static IReadOnlyList<int> Ranges { get; } = [7, 30, 90];

    public Task<ApiEnvelope<PatientGrowth>> PatientGrowthAsync(int days, CancellationToken ct) =>
        GetAsync(CacheKeys.PatientGrowth(days), UpstreamService.Patients, (sp, t) => sp.GetRequiredService<PatientsClient>().GetGrowthAsync(days, t), ct);

    public Task<ApiEnvelope<AppointmentTrends>> AppointmentTrendsAsync(int days, CancellationToken ct) =>
        GetAsync(CacheKeys.AppointmentTrends(days), UpstreamService.Appointments, (sp, t) => sp.GetRequiredService<AppointmentsClient>().GetTrendsAsync(days, t), ct);

    public Task<ApiEnvelope<TopDoctors>> TopDoctorsAsync(int days, int limit, CancellationToken ct) =>
        GetAsync(CacheKeys.TopDoctors(limit, days), UpstreamService.Appointments, (sp, t) => sp.GetRequiredService<AppointmentsClient>().GetTopDoctorsAsync(days, limit, t), ct);

    public Task<ApiEnvelope<RevenueReport>> RevenueAsync(int days, CancellationToken ct) =>
        GetAsync(CacheKeys.RevenueByDay(days), UpstreamService.Billing, (sp, t) => sp.GetRequiredService<BillingClient>().GetRevenueAsync(days, t), ct);

    public Task<ApiEnvelope<StockReport>> MedicineStockAsync(int limit, CancellationToken ct) =>
        GetAsync(CacheKeys.MedicineStock(limit), UpstreamService.Medicine, (sp, t) => sp.GetRequiredService<MedicineClient>().GetStockAsync(limit, t), ct);

    private async Task<ApiEnvelope<T>> GetAsync<T>(string key, UpstreamService service, Func<IServiceProvider, CancellationToken, Task<T>> fetch,
        CancellationToken cancellationToken) where T : class
    {
        var (envelope, fromCache) = await loader.GetOrLoadAsync(key, async () =>
        {
            var aggregator = services.GetRequiredService<DashboardAggregator>();
            var result = await aggregator.CallAsync(service, t => fetch(services, t), CancellationToken.None);
            result = await lastKnownGood.ApplyAsync(result, CacheKeys.LastKnownGoodOf(key), CancellationToken.None);
            var envelope = Envelope(result, time.GetUtcNow());
            var ttl = envelope.Partial ? TimeSpan.FromSeconds(options.Value.PartialStatsTtlSeconds) : CacheKeys.TtlOf(key);
            return (envelope, ttl);
        }, cancellationToken, isUsable: e => e.Sources is { Count: 1 } && e.Warnings is not null);
        return envelope with { FromCache = fromCache };
    }

    private static ApiEnvelope<T> Envelope<T>(ServiceResult<T> result, DateTimeOffset now) where T : class
    {
        var source = result.ToReport().AgedAt(now);
        var warnings = source.Status == SourceStatus.Ok ? [] : new[] { DashboardAggregator.Warning(source) };
        return new ApiEnvelope<T>(result.Value is not null, result.Value, warnings, source.Status != SourceStatus.Ok, [source]);
    }
}
