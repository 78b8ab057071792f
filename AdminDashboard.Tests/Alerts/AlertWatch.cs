using System.Threading.Channels;
using AdminDashboard.Core.Alerts;

namespace AdminDashboard.Tests.Alerts;

/// <summary>Every transition a board tells its subscribers, for a test to wait on (a signal, not a poll).</summary>
internal sealed class AlertWatch : IDisposable
{
    private readonly Channel<AlertTransition> _seen = Channel.CreateUnbounded<AlertTransition>();
    private readonly IDisposable _subscription;

    public AlertWatch(IAlertBoard board) =>
        _subscription = board.Subscribe(t => _seen.Writer.WriteAsync(t).AsTask());

    public List<AlertTransition> All { get; } = [];

    /// <summary>The first transition (from now on, or already seen) that matches, within <paramref name="patience"/>.</summary>
    public async Task<AlertTransition> NextAsync(Func<AlertTransition, bool> match, TimeSpan patience)
    {
        if (All.FirstOrDefault(match) is { } already) return already;
        using var timeout = new CancellationTokenSource(patience);
        while (true)
        {
            AlertTransition next;
            try
            {
                next = await _seen.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching alert transition within {patience}; seen: {string.Join(", ", All.Select(t => $"{t.Alert.Id} {t.Alert.State}"))}");
            }
            All.Add(next);
            if (match(next)) return next;
        }
    }

    public void Dispose() => _subscription.Dispose();
}
