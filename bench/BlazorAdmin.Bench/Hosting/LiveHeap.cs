using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BlazorAdmin.Bench.Hosting;

/// <summary>
/// The dashboard's live managed heap, from a gcdump (the repository's local tool <c>dotnet-gcdump</c>, restored by
/// bench.sh). Taking one forces a full collection, so the figure is what is reachable, not what the GC has yet to
/// collect: the RSS and "heap after the last collection" figures move by megabytes with the GC's timing alone.
/// The report (the biggest types) is kept beside the dump, for whoever wants to see what a circuit holds.
/// </summary>
public static partial class LiveHeap
{
    /// <summary>Bytes reachable in <paramref name="processId"/>, or null when the tool is missing or fails.</summary>
    public static async Task<long?> MeasureAsync(string repoRoot, int processId, string dumpPath)
    {
        var collect = await RunAsync(repoRoot, "collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", dumpPath);
        if (collect is null || !File.Exists(dumpPath)) return null;
        var report = await RunAsync(repoRoot, "report", dumpPath);
        if (report is null) return null;
        await File.WriteAllTextAsync(Path.ChangeExtension(dumpPath, ".txt"), report);
        return TotalBytes().Match(report) is { Success: true } m
            ? long.Parse(m.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture)
            : null;
    }

    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes", RegexOptions.Multiline)]
    private static partial Regex TotalBytes();

    private static async Task<string?> RunAsync(string repoRoot, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["tool", "run", "dotnet-gcdump", .. args])
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? await output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
