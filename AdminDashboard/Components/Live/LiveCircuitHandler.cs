using AdminDashboard.Core.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AdminDashboard.Components.Live;

/// <summary>
/// Tells the page when its circuit has come back after a dropped connection: events may have been missed
/// meanwhile, so the page refetches.
/// </summary>
public sealed class LiveCircuitHandler(AdminDashboard.Core.Diagnostics.DashboardMetrics metrics) : CircuitHandler
{
    private int _connections;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitsChanged(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitsChanged(-1);
        return Task.CompletedTask;
    }

    public event Action? Reconnected;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _connections) > 1) Reconnected?.Invoke();
        return Task.CompletedTask;
    }
}
