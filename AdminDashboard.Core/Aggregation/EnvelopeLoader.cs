using AdminDashboard.Core.Caching;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Aggregation;

/// <summary>
/// How stats and charts alike load an envelope: cache-aside with one load per key at a time, a failed service's
/// part replaced by its last-known-good copy marked stale, and a partial answer kept only briefly
/// (<c>Aggregation:PartialStatsTtlSeconds</c>) so that a service that recovers shows up within seconds.
/// </summary>
public sealed class EnvelopeLoader(SingleFlightLoader loader, LastKnownGoodCache lastKnownGood, IOptions<AggregationOptions> options)
{
    /// <param name="ttl">How long a complete envelope is kept.</param>
    /// <param name="build">Calls the services (with <see cref="WithLastKnownGoodAsync{T}"/>) and builds the envelope.</param>
    /// <param name="isUsable">Whether a cached value has what this version needs; one that does not is a miss.</param>
    /// <param name="refresh">Build now (and update the cache) instead of reading the cache: an admin's "Refresh".</param>
    public Task<(ApiEnvelope<T> Envelope, bool FromCache)> GetAsync<T>(string key, TimeSpan ttl, Func<Task<ApiEnvelope<T>>> build,
        Func<ApiEnvelope<T>, bool> isUsable, CancellationToken cancellationToken, bool refresh = false) where T : class =>
        loader.GetOrLoadAsync(key, Load(ttl, build), cancellationToken, bypassCache: refresh, isUsable: isUsable);

    /// <summary>The same, answering the cached entry: the envelope's JSON as stored, and the envelope read from it.</summary>
    public Task<(CacheEntry Entry, bool FromCache)> GetEntryAsync<T>(string key, TimeSpan ttl, Func<Task<ApiEnvelope<T>>> build,
        Func<ApiEnvelope<T>, bool> isUsable, CancellationToken cancellationToken, bool refresh = false) where T : class =>
        // A first-level hit first: the load wrapped below is only for a miss.
        !refresh && loader.TryGetHit(key, isUsable) is { } hit
            ? Task.FromResult((hit, true))
            : loader.GetEntryAsync(key, Load(ttl, build), cancellationToken, bypassCache: refresh, isUsable: isUsable);

    private Func<Task<(ApiEnvelope<T> Value, TimeSpan Ttl)>> Load<T>(TimeSpan ttl, Func<Task<ApiEnvelope<T>>> build) where T : class => async () =>
    {
        var envelope = await build();
        return (envelope, envelope.Partial ? TimeSpan.FromSeconds(options.Value.PartialStatsTtlSeconds) : ttl);
    };

    /// <summary>Keeps a good result under <paramref name="key"/>; serves the one kept there, marked stale, when the call failed.</summary>
    public async Task<ServiceResult<T>> WithLastKnownGoodAsync<T>(ServiceResult<T> result, string key, CancellationToken cancellationToken)
        where T : class
    {
        if (result.IsOk)
        {
            await lastKnownGood.KeepAsync(key, result.Value!, result.AsOf!.Value, cancellationToken);
            return result;
        }
        var lastKnown = await lastKnownGood.RecallAsync<T>(key, cancellationToken);
        return lastKnown is null ? result : result with { Status = SourceStatus.Stale, Value = lastKnown.Value, AsOf = lastKnown.AsOf };
    }

    /// <summary>The same for each section of a fan-out, under <c>admin:lkg:{service}</c>.</summary>
    public async Task<DashboardFanOut> WithLastKnownGoodAsync(DashboardFanOut fanOut, CancellationToken cancellationToken)
    {
        var patients = Section(fanOut.Patients);
        var doctors = Section(fanOut.Doctors);
        var appointments = Section(fanOut.Appointments);
        var billing = Section(fanOut.Billing);
        var medicine = Section(fanOut.Medicine);
        return new DashboardFanOut(await patients, await doctors, await appointments, await billing, await medicine);

        Task<ServiceResult<T>> Section<T>(ServiceResult<T> result) where T : class =>
            WithLastKnownGoodAsync(result, CacheKeys.LastKnownGood(result.Service), cancellationToken);
    }
}
