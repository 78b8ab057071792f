using System.Diagnostics;

namespace BlazorAdmin.Bench.Hosting;

/// <summary>An Admin bearer token from <c>dotnet user-jwts</c>, as README tells external tools to get one in Development.</summary>
public static class DevelopmentToken
{
    public static async Task<string> CreateAdminAsync(string repoRoot)
    {
        // user-jwts rewrites appsettings.Development.json with what it already holds; keep the file as committed.
        var settings = Path.Combine(repoRoot, "AdminDashboard", "appsettings.Development.json");
        var original = await File.ReadAllTextAsync(settings);
        try
        {
            var start = new ProcessStartInfo("dotnet", ["user-jwts", "create", "--project", Path.Combine(repoRoot, "AdminDashboard"), "--role", "Admin", "--output", "token"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet user-jwts did not start.");
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet user-jwts failed: {error}{output}");
            return output.Trim();
        }
        finally
        {
            await File.WriteAllTextAsync(settings, original);
        }
    }
}
