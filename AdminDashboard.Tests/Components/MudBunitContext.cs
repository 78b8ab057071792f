using Bunit;
using MudBlazor.Services;

namespace AdminDashboard.Tests.Components;

/// <summary>Shared bunit base: MudBlazor services, loose JS interop (MudBlazor calls JS we do not assert on).</summary>
public abstract class MudBunitContext : BunitContext
{
    protected MudBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    // xunit 2 disposes test classes synchronously, but some MudBlazor services are async-disposable only.
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            DisposeAsyncCore().AsTask().GetAwaiter().GetResult();
        base.Dispose(false);
    }
}
