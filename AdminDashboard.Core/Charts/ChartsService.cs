using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Upstream;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Core.Charts;

/// <summary>
/// The chart data the page and <c>/v1/admin/charts/*</c> show: one upstream call per chart under the deadline,
/// cached under its key with its family's TTL, served stale from last-known-good when the service fails
/// (see <see cref="EnvelopeLoader"/>).
/// </summary>
public sealed class ChartsService(IServiceProvider services, EnvelopeLoader loader, TimeProvider time)
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
        var (envelope, fromCache) = await loader.GetAsync(key, CacheKeys.TtlOf(key), async () =>
        {
            var aggregator = services.GetRequiredService<DashboardAggregator>();
            var result = await aggregator.CallAsync(service, t => fetch(services, t), CancellationToken.None);
            result = await loader.WithLastKnownGoodAsync(result, CacheKeys.LastKnownGoodOf(key), CancellationToken.None);
            return Envelope.Of(result, time.GetUtcNow());
        }, isUsable: e => e.Sources is { Count: 1 } && e.Warnings is not null, cancellationToken);
        return envelope with { FromCache = fromCache };
    }
}
