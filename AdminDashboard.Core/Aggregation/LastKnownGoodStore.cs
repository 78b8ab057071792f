using AdminDashboard.Core.Caching;

namespace AdminDashboard.Core.Aggregation;

/// <summary>A service's section as it last answered, and when.</summary>
public sealed record LastKnownGood<T>(T Value, DateTimeOffset AsOf) where T : class;

/// <summary>
/// Keeps every successful section per service (<c>admin:lkg:{service}</c>, 24 h) and, when a service fails,
/// puts its last-known-good section in its place marked <see cref="SourceStatus.Stale"/> with its age.
/// Not touched by event invalidation: these figures are only ever shown as old.
/// </summary>
public sealed class LastKnownGoodStore(IDashboardCache cache)
{
    public async Task<DashboardFanOut> ApplyAsync(DashboardFanOut fanOut, CancellationToken cancellationToken)
    {
        var patients = ApplyAsync(fanOut.Patients, cancellationToken);
        var doctors = ApplyAsync(fanOut.Doctors, cancellationToken);
        var appointments = ApplyAsync(fanOut.Appointments, cancellationToken);
        var billing = ApplyAsync(fanOut.Billing, cancellationToken);
        var medicine = ApplyAsync(fanOut.Medicine, cancellationToken);
        return new DashboardFanOut(await patients, await doctors, await appointments, await billing, await medicine);
    }

    private Task<ServiceResult<T>> ApplyAsync<T>(ServiceResult<T> result, CancellationToken cancellationToken) where T : class =>
        ApplyAsync(result, CacheKeys.LastKnownGood(result.Service), cancellationToken);

    /// <summary>Same, for any cached answer: keeps it under <paramref name="key"/> when good, serves it stale when the call failed.</summary>
    public async Task<ServiceResult<T>> ApplyAsync<T>(ServiceResult<T> result, string key, CancellationToken cancellationToken) where T : class
    {
        if (result.IsOk)
        {
            await cache.SetAsync(key, new LastKnownGood<T>(result.Value!, result.AsOf!.Value), CacheKeys.TtlOf(key), cancellationToken);
            return result;
        }
        var lastKnown = await cache.GetAsync<LastKnownGood<T>>(key, cancellationToken);
        return lastKnown is null ? result : result with { Status = SourceStatus.Stale, Value = lastKnown.Value, AsOf = lastKnown.AsOf };
    }
}
