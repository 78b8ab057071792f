using System.ComponentModel;
using System.Diagnostics;

namespace AdminDashboard.Tests.Infrastructure;

/// <summary>Runs a command from the repository root and returns its exit code and output; null when the program does not exist.</summary>
public static class ProcessRunner
{
    public static async Task<(int ExitCode, string Output)?> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            return null;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cancel.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}

/// <summary>Tokens from <c>dotnet user-jwts</c> for the dashboard project, as the README tells a developer to make them.</summary>
public static class UserJwts
{
    public static async Task<string> CreateTokenAsync(params string[] roles)
    {
        var arguments = new List<string> { "user-jwts", "create", "--project", Path.Combine(RepoPaths.Root, "AdminDashboard"), "--output", "token" };
        foreach (var role in roles) arguments.AddRange(["--role", role]);
        var result = await ProcessRunner.RunAsync("dotnet", arguments, TimeSpan.FromMinutes(1));
        Assert.True(result is { ExitCode: 0 }, $"dotnet user-jwts failed: {result?.Output}");
        return result!.Value.Output.Trim().Split('\n')[^1].Trim();
    }
}
