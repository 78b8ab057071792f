using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Upstream;
using BlazorAdmin.Bench.Hosting;
using BlazorAdmin.Bench.Report;
using HospitalServices.Faults;

namespace BlazorAdmin.Bench.Scenarios;

/// <summary>
/// Fault to alert and recovery to resolved, end to end: a dashboard process of its own (in-process cache and bus, so it
/// shares no state with the bench's main dashboard) with one service rule of <see cref="DurationSeconds"/> and the
/// product's other defaults (store refresh 5 s, stats TTL 30 s, checks every 1 s). Billing is made to fail; the time runs
/// until <c>alert.raised</c> arrives on the SSE stream; billing recovers; the time runs until <c>alert.resolved</c>.
/// </summary>
public sealed class AlertScenarios(BenchEnvironment env, string token)
{
    public const double DurationSeconds = 5;

    public async Task<ScenarioResult> FaultToAlertAsync()
    {
        var overrides = new Dictionary<string, string>
        {
            ["Cache__Provider"] = "Memory",
            ["Events__Provider"] = "InProcess",
            ["Alerts__Enabled"] = "true",
            ["Alerts__Rules__0__Id"] = "service-unavailable",
            ["Alerts__Rules__0__Kind"] = nameof(AlertRuleKind.ServiceUnavailable),
            ["Alerts__Rules__0__Severity"] = nameof(AlertSeverity.Critical),
            ["Alerts__Rules__0__DurationSeconds"] = DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var dashboard = await DashboardProcess.StartAsync(env, token, "dashboard-alerts.log", overrides);
        using var client = new HttpClient { BaseAddress = dashboard.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var stream = new StreamReader(await response.Content.ReadAsStreamAsync());

        var rounds = env.Quick ? 1 : 3;
        var toRaised = new List<double>();
        var toResolved = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            await dashboard.SetFaultAsync(UpstreamService.Billing, FaultMode.Error);
            var id = await NextAsync(stream, AlertEventTypes.Raised, null);
            toRaised.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            await dashboard.ClearFaultsAsync();
            await NextAsync(stream, AlertEventTypes.Resolved, id);
            toResolved.Add(clock.Elapsed.TotalSeconds);
        }
        var raised = Median(toRaised);
        var resolved = Median(toResolved);
        return new ScenarioResult(
            "alerts",
            $"fault to alert.raised {raised:0.0} s, recovery to alert.resolved {resolved:0.0} s (median of {rounds})",
            $"rule duration {DurationSeconds:0} s",
            $"raised {raised / DurationSeconds:0.00}× the duration, resolved {resolved / DurationSeconds:0.00}×",
            "at least the duration (damping); at most duration + stats TTL 30 s + refresh 5 s + check 1 s to raise",
            raised >= DurationSeconds && resolved >= DurationSeconds && raised <= DurationSeconds + 36 ? Verdict.MeetsOurs : Verdict.MissesSeed,
            new Dictionary<string, double> { ["faultToRaisedSeconds"] = raised, ["recoveryToResolvedSeconds"] = resolved },
            new Dictionary<string, double> { ["durationSeconds"] = DurationSeconds },
            "A dashboard process of its own (Release, embedded services, in-process cache and bus), one ServiceUnavailable rule, " +
            "the other settings the product's defaults. Billing's fault switch set to error, then cleared; each time measured " +
            "from the switch to the alert's transition on GET /v1/admin/events. Raising waits for the cached whole stats to " +
            "expire (30 s TTL, no event invalidates them), the store's next 5 s refresh, then the duration; resolving waits for " +
            "the partial stats' 3 s TTL, the next refresh, then the duration.");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The id of the next billing alert event of <paramref name="type"/> (of alert <paramref name="id"/> when given), within 3 min.</summary>
    private static async Task<string> NextAsync(StreamReader stream, string type, string? id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        string? seenType = null;
        while (true)
        {
            var line = await stream.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
            if (line.StartsWith("event: ", StringComparison.Ordinal)) seenType = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && seenType == type)
            {
                var alert = JsonDocument.Parse(line[6..]).RootElement;
                var alertId = alert.GetProperty("id").GetString()!;
                if (alert.GetProperty("subject").GetString() == "billing" && (id is null || id == alertId)) return alertId;
            }
            else if (line.Length == 0) seenType = null;
        }
    }
}
