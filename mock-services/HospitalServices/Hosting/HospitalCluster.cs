using HospitalServices.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using HospitalServices.Contracts;

namespace HospitalServices.Hosting;

/// <summary>A set of hospital services started together in this process, each on its own port over real HTTP.</summary>
public sealed class HospitalCluster : IAsyncDisposable
{
    private WebApplication[] _apps = [];

    private HospitalCluster()
    {
    }

    public static async Task<HospitalCluster> StartAsync(IReadOnlyDictionary<HospitalService, Uri> urls, string gatewaySecret,
        TimeProvider? time = null, ILoggerFactory? logs = null, IDomainEventPublisher? publisher = null, CancellationToken cancellationToken = default,
        string? previousGatewaySecret = null, TimeZoneInfo? timeZone = null, InternalSwitches? switches = null)
    {
        var cluster = new HospitalCluster();
        try
        {
            // Seeding is CPU work; build the five in parallel, then open their ports.
            var apps = await Task.WhenAll(urls.Select(kv => Task.Run(() => HospitalServiceApp.Build(kv.Key, kv.Value, gatewaySecret, time, logs, publisher, previousGatewaySecret, timeZone, switches), cancellationToken)));
            cluster._apps = apps;
            foreach (var app in apps)
            {
                await app.StartAsync(cancellationToken);
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops every service once, however many times and from however many threads it is called.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var app in Interlocked.Exchange(ref _apps, []))
        {
            try
            {
                await app.StopAsync();
            }
            finally
            {
                await app.DisposeAsync();
            }
        }
    }
}
