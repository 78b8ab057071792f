using AdminDashboard.Core.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AdminDashboard.Components.Live;

/// <summary>
/// Counts open circuits. A dropped connection needs nothing else: the page keeps applying the store's snapshots while
/// it is away, and Blazor sends the batches the browser has not acknowledged when it comes back.
/// </summary>
public sealed class LiveCircuitHandler(AdminDashboard.Core.Diagnostics.DashboardMetrics metrics) : CircuitHandler
{
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
}
