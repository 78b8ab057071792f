using System.Diagnostics;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Faults;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AdminDashboard.Tests.Alerts;

/// <summary>
/// The real dashboard with its embedded services and one short rule: billing fails for longer than the rule's duration,
/// the alert is raised once; billing recovers, and it resolves after the damping period.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AlertsIntegrationTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The rule's duration: short for the test, long enough that one refresh period cannot pass for it.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);

    /// <summary>Generous: the suite runs on a loaded 2-core machine.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly DashboardAppFactory _app = new() { Settings = { } };

    internal static void UseShortServiceRule(Dictionary<string, string?> settings)
    {
        settings["Alerts:Enabled"] = "true";
        settings["Alerts:Rules:0:Id"] = "service-unavailable";
        settings["Alerts:Rules:0:Kind"] = "ServiceUnavailable";
        settings["Alerts:Rules:0:Severity"] = "Critical";
        settings["Alerts:Rules:0:DurationSeconds"] = Duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Alerts:CheckSeconds"] = "0.2";
        settings["Dashboard:RefreshSeconds"] = "1";
    }

    public async Task InitializeAsync()
    {
        UseShortServiceRule(_app.Settings);
        await _app.EnsureWarmAsync();
        await _app.Services.GetRequiredService<AlertEvaluator>().Started.WaitAsync(Patience);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private IAlertBoard Board => _app.Services.GetRequiredService<IAlertBoard>();

    [Fact]
    public async Task Billing_failing_longer_than_the_duration_raises_one_alert_that_resolves_after_recovery_and_damping()
    {
        using var watch = new AlertWatch(Board);
        var faultAt = _app.Clock.GetUtcNow();
        var clock = Stopwatch.StartNew();
        await _app.SetFaultAsync(UpstreamService.Billing, FaultMode.Error);
        await _app.ClearStatsCacheAsync();

        var raised = await watch.NextAsync(t => t.Alert.State == AlertState.Raised && t.Alert.Subject == "billing", Patience);
        var toRaised = clock.Elapsed;
        Assert.Equal(("service-unavailable", "billing", AlertSeverity.Critical), (raised.Alert.Rule, raised.Alert.Subject, raised.Alert.Severity));
        Assert.True(toRaised >= Duration, $"raised after {toRaised}, before the rule's {Duration}");

        clock.Restart();
        await _app.ClearFaultsAsync();
        await _app.ClearStatsCacheAsync();
        var resolved = await watch.NextAsync(t => t.Alert.State == AlertState.Resolved && t.Alert.Id == raised.Alert.Id, Patience);
        var toResolved = clock.Elapsed;
        Assert.Equal(raised.Alert.Id, resolved.Alert.Id);
        Assert.True(toResolved >= Duration, $"resolved after {toResolved}, before the rule's {Duration} of damping");

        // Raised once: the one billing alert since the fault, and no other raise of it while it failed.
        Assert.Equal(raised.Alert.Id, Assert.Single(Board.Current.Recent, a => a.Subject == "billing" && a.RaisedAt >= faultAt).Id);
        Assert.DoesNotContain(Board.Current.Open, a => a.Subject == "billing");
        Assert.Single(watch.All, t => t.Alert.State == AlertState.Raised && t.Alert.Subject == "billing");
        output.WriteLine($"alerts: duration {Duration.TotalSeconds} s, check every 0.2 s, store refresh every 1 s: " +
            $"fault to raised {toRaised.TotalSeconds:0.00} s, recovery to resolved {toResolved.TotalSeconds:0.00} s");
    }
}
