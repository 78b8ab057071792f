using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Core.Aggregation;

/// <summary>
/// Hears how every upstream call of a fan-out ended. Areas that keep track of the services (health) observe the
/// fan-out through this, so the fan-out never needs to know them.
/// </summary>
public interface IUpstreamCallObserver
{
    void Observe(UpstreamService service, SourceStatus status, long elapsedMs, string? error);
}
