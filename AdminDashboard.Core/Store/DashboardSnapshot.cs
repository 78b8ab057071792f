using System.Collections.Immutable;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Core.Store;

/// <summary>The charts of one range (7, 30 or 90 days); a part is null until it has loaded once.</summary>
public sealed record RangeCharts(
    int Days,
    ApiEnvelope<AppointmentTrends>? Trends,
    ApiEnvelope<RevenueReport>? Revenue,
    ApiEnvelope<PatientGrowth>? Growth,
    ApiEnvelope<TopDoctors>? TopDoctors,
    ApiEnvelope<StockReport>? Stock)
{
    public static RangeCharts Empty(int days) => new(days, null, null, null, null, null);
}

/// <summary>A new appointment as the feed shows it; <see cref="Sequence"/> lets a page show only what came after it opened.</summary>
public sealed record FeedLine(long Sequence, HospitalEvent Event);

/// <summary>
/// Why a snapshot was published: a paused page skips the store's own timer, not what events bring. Ordered by what
/// wins when requests fold into one refresh.
/// </summary>
public enum SnapshotCause { Timer, Load, Status, Event, Admin }

/// <summary>
/// What every dashboard on one range shows, published by <see cref="DashboardStore"/> and never changed afterwards.
/// A part that did not change keeps its previous instance, so a component compares references to skip a render.
/// </summary>
public sealed record DashboardSnapshot(
    long Version,
    SnapshotCause Cause,
    ApiEnvelope<DashboardStats>? Stats,
    bool RefreshFailed,
    ApiEnvelope<AppointmentTrends>? WeekTrends,
    ApiEnvelope<RevenueReport>? WeekRevenue,
    RangeCharts Charts,
    ImmutableArray<FeedLine> Feed,
    LiveStatus Status)
{
    /// <summary>When the store published it (<see cref="TimeProvider.GetTimestamp"/>), to time how long pages take to show it.</summary>
    public long PublishedAt { get; init; }
}
