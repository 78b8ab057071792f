using System.Threading.Channels;
using AdminDashboard.Core.Store;

namespace AdminDashboard.Tests.Store;

/// <summary>
/// A page on the store as the dashboard page watches it: subscribes, then reads the current snapshot, then takes every
/// snapshot it is handed, ignoring one older than what it already has.
/// </summary>
/// <remarks>
/// The store hands a subscription only what it publishes after it subscribed. A page that subscribes once the figures
/// are in (another page's refresh finished first) is handed nothing until something changes; what it shows is what it
/// read on subscribing, so this page starts from that read too (a warm process finishes a refresh fast enough for that).
/// </remarks>
internal sealed class StorePage : IDisposable
{
    /// <summary>Generous: the suite runs on a loaded two-core box.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Channel<DashboardSnapshot> _received = Channel.CreateUnbounded<DashboardSnapshot>();
    private readonly DashboardStore.Subscription _subscription;
    private DashboardSnapshot? _read;

    public StorePage(DashboardStore store, int days = 30)
    {
        _subscription = store.Subscribe(days, s => { _received.Writer.TryWrite(s); return Task.CompletedTask; });
        _read = store.Current(days);
    }

    /// <summary>The newest snapshot this page has taken.</summary>
    public DashboardSnapshot? Last { get; private set; }

    /// <summary>Takes snapshots, the one read on subscribing first, until one satisfies <paramref name="condition"/>.</summary>
    public async Task<DashboardSnapshot> NextAsync(Func<DashboardSnapshot, bool> condition)
    {
        if (Interlocked.Exchange(ref _read, null) is { } read)
        {
            Last = read;
            if (condition(read)) return read;
        }
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var snapshot = await _received.Reader.ReadAsync(timeout.Token);
            // Published before the read on subscribing, handed over after it: the page already shows something newer.
            if (Last is not null && snapshot.Version < Last.Version) continue;
            Last = snapshot;
            if (condition(snapshot)) return snapshot;
        }
    }

    /// <summary>A snapshot handed over and not yet taken, if any.</summary>
    public bool TryRead(out DashboardSnapshot? snapshot) => _received.Reader.TryRead(out snapshot);

    public void Dispose() => _subscription.Dispose();

    /// <summary>Stops, and completes once a snapshot being handed over has been.</summary>
    public ValueTask CloseAsync() => _subscription.DisposeAsync();
}
