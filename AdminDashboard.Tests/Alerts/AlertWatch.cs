using AdminDashboard.Core.Alerts;

namespace AdminDashboard.Tests.Alerts;

/// <summary>Every transition a board tells its subscribers, for a test to wait on (a signal, not a poll).</summary>
internal sealed class AlertWatch : IDisposable
{
    private readonly List<AlertTransition> _all = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly IDisposable _subscription;

    public AlertWatch(IAlertBoard board) =>
        _subscription = board.Subscribe(t =>
        {
            lock (_all) _all.Add(t);
            _signal.Release();
            return Task.CompletedTask;
        });

    public IReadOnlyList<AlertTransition> All { get { lock (_all) return [.. _all]; } }

    /// <summary>The first transition seen so far (or from now on) that matches, within <paramref name="patience"/>.</summary>
    public async Task<AlertTransition> NextAsync(Func<AlertTransition, bool> match, TimeSpan patience)
    {
        AlertTransition? found = null;
        await UntilAsync(() => (found = All.FirstOrDefault(match)) is not null, patience);
        return found!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, looking again after each transition.</summary>
    public async Task UntilAsync(Func<bool> condition, TimeSpan patience)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            var left = patience - waited.Elapsed;
            if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left))
                throw new TimeoutException($"Not within {patience}; seen: {string.Join(", ", All.Select(t => $"{t.Alert.Id} {t.Alert.State}"))}");
        }
    }

    public void Dispose() => _subscription.Dispose();
}
