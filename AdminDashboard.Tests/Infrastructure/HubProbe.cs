using AdminDashboard.Core.Events;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Live;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Infrastructure;

/// <summary>Subscribes to an app's event hub and lets a test wait for what it expects, with a bound.</summary>
public sealed class HubProbe : IDisposable
{
    private readonly List<LiveNotification> _seen = [];
    private readonly IDisposable _subscription;
    private readonly SemaphoreSlim _signal = new(0);

    public HubProbe(IServiceProvider services)
    {
        Hub = services.GetRequiredService<LiveUpdates>();
        _subscription = Hub.Subscribe(n =>
        {
            lock (_seen) _seen.Add(n);
            _signal.Release();
            return Task.CompletedTask;
        });
    }

    public LiveUpdates Hub { get; }

    public IReadOnlyList<HospitalEvent> Events { get { lock (_seen) return _seen.OfType<EventNotification>().Select(n => n.Event).ToList(); } }

    public async Task<HospitalEvent> WaitForEventAsync(Func<HospitalEvent, bool> match, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var found = Events.FirstOrDefault(match);
            if (found is not null) return found;
            var left = timeout - waited.Elapsed;
            if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left))
            {
                if (Events.FirstOrDefault(match) is { } late) return late;
                throw new TimeoutException($"No matching event within {timeout.TotalSeconds} s; saw {Events.Count}: {string.Join(", ", Events.Select(e => e.EventType))}");
            }
        }
    }

    public async Task WaitForStatusAsync(bool live, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Hub.Status.IsLive != live)
        {
            if (waited.Elapsed > timeout) throw new TimeoutException($"Live status did not become {(live ? "live" : "paused")} within {timeout.TotalSeconds} s");
            await Task.Delay(100);
        }
    }

    public void Dispose() => _subscription.Dispose();
}
