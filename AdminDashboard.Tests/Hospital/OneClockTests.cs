using System.Text.RegularExpressions;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Hospital;

public sealed partial class OneClockTests
{
    /// <summary>The product's sources: the dashboard, its core and the mock hospital services.</summary>
    private static readonly string[] ProductFolders = ["AdminDashboard", "AdminDashboard.Core", "mock-services"];

    /// <summary>
    /// Files allowed to read the machine's clock or zone directly (composition roots). None today: the one
    /// <c>TimeProvider.System</c> registration reads nothing by itself.
    /// </summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal);

    [GeneratedRegex(@"\bDateTime(Offset)?\s*\.\s*(Now|UtcNow|Today)\b|\.ToLocalTime\s*\(|\bTimeZoneInfo\s*\.\s*Local\b|\.GetLocalNow\s*\(")]
    private static partial Regex WallClock();

    [Fact]
    public void Product_code_reads_time_only_through_TimeProvider_in_the_hospitals_zone()
    {
        var offenders = new List<string>();
        var scanned = 0;
        foreach (var folder in ProductFolders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), "*.*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)))
            {
                var relative = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
                if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal)) continue;
                scanned++;
                if (Allowed.Contains(relative)) continue;
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    var code = lines[i].TrimStart();
                    if (code.StartsWith("//", StringComparison.Ordinal) || code.StartsWith('*') || code.StartsWith("@*", StringComparison.Ordinal)) continue;
                    if (WallClock().IsMatch(code)) offenders.Add($"{relative}:{i + 1}: {code}");
                }
            }
        }

        Assert.True(scanned > 100, $"Only {scanned} source files found under {RepoPaths.Root}: the scan is looking in the wrong place.");
        Assert.True(offenders.Count == 0,
            "Read time through TimeProvider (HospitalTime/HospitalClock for the hospital's day), not the machine's clock or zone:\n"
            + string.Join("\n", offenders));
    }

    // The forbidden calls are split so that this file itself holds none of them: it is test data for the scan.
    [Theory]
    [InlineData("var at = DateTime" + ".Now;")]
    [InlineData("var d = DateTime" + ".Today.AddDays(1);")]
    [InlineData("Since = DateTimeOffset" + ".UtcNow,")]
    [InlineData("@e.At.ToLocal" + "Time().ToString()")]
    [InlineData("var zone = TimeZoneInfo" + ".Local;")]
    [InlineData("var now = time.GetLocal" + "Now();")]
    public void The_scan_recognises_each_way_of_reading_the_machines_clock(string line) => Assert.Matches(WallClock(), line);

    [Theory]
    [InlineData("var now = time.GetUtcNow();")]
    [InlineData("var today = hospital.Today;")]
    [InlineData("services.TryAddSingleton(TimeProvider.System);")]
    public void The_scan_lets_the_one_clock_through(string line) => Assert.DoesNotMatch(WallClock(), line);
}
