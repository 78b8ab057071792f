namespace HospitalServices.Internal;

/// <summary>
/// Counts requests to the admin endpoints (stats and charts), so tests, the bench and demos can see how often the
/// dashboard calls; read through GET /v1/internal/requests.
/// </summary>
public sealed class AdminRequestCounter
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}
