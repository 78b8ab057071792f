using System.Net.Http.Json;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using AdminDashboard.Core.Upstream;
using HospitalServices.Faults;
using HospitalServices.Internal;

namespace BlazorAdmin.Bench.Hosting;

/// <summary>
/// The dashboard as admins run it: its Release build in a process of its own, embedded services on free ports,
/// Redis cache and Kafka bus from bench.sh, the simulator off (the bench makes the only changes), rate limits raised
/// so the load is measured rather than refused. Everything else (logging, audit, auth, headers) is the product's.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly Process _process;

    private DashboardProcess(Process process, Uri baseUrl, IReadOnlyDictionary<UpstreamService, Uri> services, string gatewaySecret)
    {
        _process = process;
        BaseUrl = baseUrl;
        Services = services;
        GatewaySecret = gatewaySecret;
    }

    public Uri BaseUrl { get; }

    public IReadOnlyDictionary<UpstreamService, Uri> Services { get; }

    public string GatewaySecret { get; }

    public int ProcessId => _process.Id;

    /// <param name="overrides">Settings a scenario needs on top of the bench's (environment-variable form, e.g. <c>Alerts__Enabled</c>).</param>
    public static async Task<DashboardProcess> StartAsync(BenchEnvironment env, string token, string logName, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var dll = Path.Combine(env.RepoRoot, "AdminDashboard", "bin", "Release", "net10.0", "AdminDashboard.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: bench.sh builds it (dotnet build AdminDashboard -c Release).");
        var port = BenchEnvironment.FreePort();
        var services = UpstreamServiceNames.All.ToDictionary(s => s, _ => new Uri($"http://127.0.0.1:{BenchEnvironment.FreePort()}"));
        var secret = $"bench-{Guid.NewGuid():N}";
        var logPath = Path.Combine(env.ArtifactsDir, logName);
        // The shell hands the dashboard a log file as its stdout (exec keeps the pid): its console logger writes
        // straight to the file, not through a pipe this process would have to drain while it generates load.
        var start = new ProcessStartInfo("bash", ["-c", "exec \"$0\" \"$@\" >\"$LOG_FILE\" 2>&1", "dotnet", dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.Combine(env.RepoRoot, "AdminDashboard"),
            UseShellExecute = false,
        };
        start.Environment["LOG_FILE"] = logPath;
        var settings = new Dictionary<string, string>
        {
            // Development for its user-jwts token and its one-click sign-in (the browser scenarios), but routed as a
            // deployment is: Development alone adds a catch-all endpoint serving wwwroot files missing from the build
            // manifest, whose file-exists check runs on every request (12 % of a cache hit's allocations).
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DisableStaticAssetNotFoundRuntimeFallback"] = "true",
            ["Internal__GatewaySecret"] = secret,
            // Said explicitly, not left to appsettings.Development.json: the bench measures embedded mode on purpose.
            ["Embedded__Enabled"] = "true",
            ["Faults__Enabled"] = "true",
            ["Simulator__Enabled"] = "false",
            // The request scenarios delete a key and time the miss that follows; the alert evaluator keeps the store
            // refreshing in the background, which could fill the key again in between. The alerts scenario starts a
            // dashboard of its own with alerts on.
            ["Alerts__Enabled"] = "false",
            ["Hospital__TimeZone"] = BenchEnvironment.ClinicHoursTimeZone,
            ["Cache__Provider"] = "Redis",
            ["ConnectionStrings__Redis"] = env.RedisEndpoint,
            ["Events__Provider"] = "Kafka",
            ["Kafka__BootstrapServers"] = env.KafkaBootstrap,
            ["Kafka__Consumer__session.timeout.ms"] = "10000",
            ["Kafka__Producer__enable.idempotence"] = "false",
            ["RateLimit__PermitsPerUser"] = "100000000",
            ["RateLimit__PermitsPerIp"] = "100000000",
            ["RateLimit__WindowSeconds"] = "1",
        };
        foreach (var (key, value) in BenchEnvironment.Kafka09ClientSettings) settings[$"Kafka__Client__{key}"] = value;
        foreach (var (service, url) in services) settings[$"Upstream__{service}__BaseUrl"] = url.ToString().TrimEnd('/');
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) settings[key] = value;
        // For investigating one cost (e.g. BENCH_DASHBOARD_SETTINGS="Logging__LogLevel__Default=Warning"); never set by bench.sh.
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_DASHBOARD_SETTINGS") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            settings[key] = value;
        }
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var dashboard = new DashboardProcess(process, new Uri($"http://127.0.0.1:{port}"), services, secret);
        await dashboard.WaitUntilServingAsync(token, logPath);
        return dashboard;
    }

    /// <summary>Ready means the stats endpoint answers with every source ok (the services are seeded and listening).</summary>
    private async Task WaitUntilServingAsync(string token, string logPath)
    {
        using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) break;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/dashboard/stats");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    if (!body.RootElement.GetProperty("partial").GetBoolean()) return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(300);
        }
        throw new InvalidOperationException($"The dashboard did not start serving complete stats within 90 s; see {logPath}.");
    }

    public HttpClient CreateServiceClient(UpstreamService service)
    {
        var client = new HttpClient { BaseAddress = Services[service], Timeout = TimeSpan.FromSeconds(10) };
        HospitalServiceAdminClient.AddGuardHeaders(client.DefaultRequestHeaders, GatewaySecret);
        return client;
    }

    private readonly HttpClient _serviceHttp = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>One embedded service's switches (faults, request counter, simulated changes).</summary>
    public HospitalServiceAdminClient ServiceAdmin(UpstreamService service) => new(_serviceHttp, Services[service], GatewaySecret);

    public Task SetFaultAsync(UpstreamService service, FaultMode mode, int delayMs = 0) => ServiceAdmin(service).SetFaultAsync(mode, delayMs);

    public async Task ClearFaultsAsync()
    {
        foreach (var service in UpstreamServiceNames.All) await ServiceAdmin(service).ClearFaultAsync();
    }

    /// <summary>Requests each service has had on its admin (stats and chart) endpoints since it started.</summary>
    public async Task<Dictionary<UpstreamService, long>> UpstreamRequestCountsAsync()
    {
        var counts = new Dictionary<UpstreamService, long>();
        foreach (var service in UpstreamServiceNames.All)
            counts[service] = await ServiceAdmin(service).AdminRequestsAsync();
        return counts;
    }

    /// <summary>Resident memory of the dashboard process, from /proc (Linux).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        throw new InvalidOperationException("VmRSS not found in /proc status.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _serviceHttp.Dispose();
    }
}
