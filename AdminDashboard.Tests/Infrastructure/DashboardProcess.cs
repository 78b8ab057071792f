using System.Diagnostics;
using System.Text;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Tests.Infrastructure;

/// <summary>
/// The dashboard as its own process (the build's AdminDashboard.dll, started as scripts/dev-up.sh starts it), in embedded
/// mode on free ports: a test can kill it and start it again on the same ports, as an operator's restart would.
/// Its home directory is its own, so the Data Protection key ring it keeps there (the framework's default outside Redis)
/// survives the restart as on a real host, and nothing lands in the developer's home.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly int[] _ports = FreePorts.Take(6);
    private readonly string _home = Directory.CreateTempSubdirectory("blazoradmin-wall-home-").FullName;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public Uri Url => new($"http://127.0.0.1:{_ports[0]}");

    /// <summary>What the process wrote (both runs), for a failing test's message.</summary>
    public string Output { get { lock (_output) { return _output.ToString(); } } }

    /// <summary>Starts the process and waits (bounded) until it answers its liveness probe.</summary>
    public async Task StartAsync(TimeSpan patience)
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("already running");
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
        var dashboard = Path.Combine(RepoPaths.Root, "AdminDashboard");
        var dll = Path.Combine(dashboard, "bin", configuration, "net10.0", "AdminDashboard.dll");
        Assert.True(File.Exists(dll), $"build the dashboard first: {dll} is missing");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", Url.ToString().TrimEnd('/')])
        {
            WorkingDirectory = dashboard, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["HOME"] = _home;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Embedded__Enabled"] = "true";
        start.Environment["Simulator__Enabled"] = "true";
        start.Environment["Simulator__IntervalMs"] = "1000";
        var services = UpstreamServiceNames.All.ToList();
        for (var i = 0; i < services.Count; i++)
            start.Environment[$"Upstream__{services[i]}__BaseUrl"] = $"http://127.0.0.1:{_ports[1 + i]}";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < patience)
        {
            Assert.False(_process.HasExited, $"the dashboard exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                using var live = await http.GetAsync(AdminDashboard.Api.HealthApi.LivePath);
                if (live.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        Assert.Fail($"the dashboard did not answer within {patience}:\n{Output}");
    }

    /// <summary>Kills the process (no graceful shutdown: a crash or a host's restart) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) { _output.AppendLine(line); }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
