using Bunit;
using AdminDashboard.Core.Hospital;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace AdminDashboard.Tests.Components;

/// <summary>
/// Shared bunit base: MudBlazor services, loose JS interop (MudBlazor calls JS we do not assert on), and the
/// hospital's clock on a fake time in a fixed zone, so what a component shows never depends on the machine.
/// </summary>
public abstract class MudBunitContext : BunitContext
{
    /// <summary>09:00 on 10 March 2026 in Ho Chi Minh City (UTC+7).</summary>
    protected static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(7));

    protected FakeTimeProvider Time { get; } = new(Now);

    protected HospitalTime Hospital { get; }

    protected MudBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<AdminDashboard.Components.Charts.ChartDrawings>();
        Hospital = new HospitalTime(TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"), Time);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Hospital);
    }

    // xunit 2 disposes test classes synchronously, but some MudBlazor services are async-disposable only.
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            DisposeAsyncCore().AsTask().GetAwaiter().GetResult();
        base.Dispose(false);
    }
}
