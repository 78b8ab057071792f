using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Operations;

/// <summary>
/// The verdict test.sh prints and exits with (scripts/lib/test-verdict.sh), fed TRX files as dotnet test writes them:
/// a run that lost its tests is not green, and skipped tests do not count as run.
/// </summary>
public sealed class TestVerdictTests : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("blazoradmin-verdict-").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    private void Trx(string assembly, int passed, int failed = 0, int skipped = 0)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_results, assembly)).FullName;
        File.WriteAllText(Path.Combine(directory, "results.trx"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="{(failed > 0 ? "Failed" : "Completed")}">
                <Counters total="{passed + failed + skipped}" executed="{passed + failed}" passed="{passed}" failed="{failed}" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="{skipped}" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
              </ResultSummary>
            </TestRun>
            """);
    }

    private async Task<(int Exit, string LastLine)> Verdict(int floor, int status = 0)
    {
        var (exit, output) = (await ProcessRunner.RunAsync("bash", ["scripts/lib/test-verdict.sh", _results, floor.ToString(), status.ToString()],
            TimeSpan.FromSeconds(30)))!.Value;
        return (exit, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).First(l => l.Contains(" passed, ")));
    }

    [Fact]
    public async Task A_run_with_no_test_is_a_failure_not_zero_passed_zero_failed()
    {
        var (exit, line) = await Verdict(floor: 1);

        Assert.NotEqual(0, exit);
        Assert.Equal("0 passed, 1 failed, 0 skipped", line);
    }

    [Fact]
    public async Task A_run_at_or_above_its_floor_passes_summing_every_assembly()
    {
        Trx("one", passed: 3, skipped: 1);
        Trx("two", passed: 2);

        var (exit, line) = await Verdict(floor: 5);

        Assert.Equal(0, exit);
        Assert.Equal("5 passed, 0 failed, 1 skipped", line);
    }

    [Fact]
    public async Task Skipped_tests_do_not_count_towards_the_floor()
    {
        Trx("one", passed: 2, skipped: 40);

        var (exit, line) = await Verdict(floor: 3);

        Assert.NotEqual(0, exit);
        Assert.Equal("2 passed, 1 failed, 40 skipped", line);
    }

    [Fact]
    public async Task A_failing_test_fails_the_run()
    {
        Trx("one", passed: 10, failed: 1);

        var (exit, line) = await Verdict(floor: 1, status: 1);

        Assert.NotEqual(0, exit);
        Assert.Equal("10 passed, 1 failed, 0 skipped", line);
    }

    [Fact]
    public async Task A_broken_build_or_test_host_with_no_failed_test_counts_one_failure()
    {
        var (exit, line) = await Verdict(floor: 1, status: 1);

        Assert.NotEqual(0, exit);
        Assert.Equal("0 passed, 1 failed, 0 skipped", line);
    }
}
