using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Charts;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Core.Store;

/// <summary>Where the store reads its figures: through the cache, as the API does (<see cref="CachedDashboardReader"/>).</summary>
public interface IDashboardReader
{
    Task<ApiEnvelope<DashboardStats>> StatsAsync(bool bypassCache, CancellationToken cancellationToken);

    Task<ApiEnvelope<AppointmentTrends>> AppointmentTrendsAsync(int days, CancellationToken cancellationToken);

    Task<ApiEnvelope<RevenueReport>> RevenueAsync(int days, CancellationToken cancellationToken);

    Task<ApiEnvelope<PatientGrowth>> PatientGrowthAsync(int days, CancellationToken cancellationToken);

    Task<ApiEnvelope<TopDoctors>> TopDoctorsAsync(int days, CancellationToken cancellationToken);

    Task<ApiEnvelope<StockReport>> MedicineStockAsync(CancellationToken cancellationToken);
}

/// <summary>The page's reads, one cache key each, exactly as the JSON API makes them.</summary>
public sealed class CachedDashboardReader(DashboardStatsService stats, ChartsService charts) : IDashboardReader
{
    /// <summary>How many doctors the page ranks, and how many low-stock items it lists.</summary>
    public const int TopDoctorsShown = 10, StockItemsShown = 20;

    public Task<ApiEnvelope<DashboardStats>> StatsAsync(bool bypassCache, CancellationToken cancellationToken) =>
        stats.GetStatsAsync(cancellationToken, bypassCache);

    public Task<ApiEnvelope<AppointmentTrends>> AppointmentTrendsAsync(int days, CancellationToken cancellationToken) =>
        charts.AppointmentTrendsAsync(days, cancellationToken);

    public Task<ApiEnvelope<RevenueReport>> RevenueAsync(int days, CancellationToken cancellationToken) => charts.RevenueAsync(days, cancellationToken);

    public Task<ApiEnvelope<PatientGrowth>> PatientGrowthAsync(int days, CancellationToken cancellationToken) =>
        charts.PatientGrowthAsync(days, cancellationToken);

    public Task<ApiEnvelope<TopDoctors>> TopDoctorsAsync(int days, CancellationToken cancellationToken) =>
        charts.TopDoctorsAsync(days, TopDoctorsShown, cancellationToken);

    public Task<ApiEnvelope<StockReport>> MedicineStockAsync(CancellationToken cancellationToken) =>
        charts.MedicineStockAsync(StockItemsShown, cancellationToken);
}
