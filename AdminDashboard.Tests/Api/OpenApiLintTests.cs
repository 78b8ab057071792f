using System.Text.Json;
using AdminDashboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AdminDashboard.Tests.Api;

/// <summary>
/// The API's contract checked by tools this project did not write: /openapi/v1.json as the running dashboard serves it,
/// linted by Redocly (recommended rules, redocly.yaml) and Spectral (spectral:oas, .spectral.yaml). An error fails the
/// test with every problem the linter reported; warnings are printed.
/// </summary>
[Collection(DashboardAppCollection.Name)]
public sealed class OpenApiLintTests(DashboardAppFactory app, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _workDir = Path.Combine(Path.GetTempPath(), $"blazoradmin-openapi-{Guid.NewGuid():N}");
    private string _document = "";

    public async Task InitializeAsync()
    {
        OpenApiLinters.AssertInstalled();
        Directory.CreateDirectory(_workDir);
        using var client = app.CreateApiClient(null);
        _document = Path.Combine(_workDir, "v1.json");
        await File.WriteAllTextAsync(_document, await client.GetStringAsync("/openapi/v1.json"));
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_workDir)) Directory.Delete(_workDir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Redocly_finds_no_error_under_its_recommended_rules()
    {
        var report = await LintAsync(OpenApiLinters.Redocly,
            ["lint", "--config", Path.Combine(RepoPaths.Root, "redocly.yaml"), "--format", "json", _document]);

        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => (Error: p.GetProperty("severity").GetString() == "error",
                Text: $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} " +
                      $"at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}"))
            .ToList();
        Report("redocly", problems);
        Assert.Equal(0, report.GetProperty("totals").GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task Spectral_finds_no_error_under_spectral_oas()
    {
        var report = await LintAsync(OpenApiLinters.Spectral,
            ["lint", "--ruleset", Path.Combine(RepoPaths.Root, ".spectral.yaml"), "--format", "json", "--quiet", _document]);

        // Spectral's severities: 0 error, 1 warning, 2 information, 3 hint.
        var problems = report.EnumerateArray()
            .Select(p => (Error: p.GetProperty("severity").GetInt32() == 0,
                Text: $"severity {p.GetProperty("severity").GetInt32()} {p.GetProperty("code").GetString()}: {p.GetProperty("message").GetString()} " +
                      $"at {string.Join('.', p.GetProperty("path").EnumerateArray().Select(s => s.ToString()))}"))
            .ToList();
        Report("spectral", problems);
        Assert.DoesNotContain(problems, p => p.Error);
    }

    private void Report(string linter, List<(bool Error, string Text)> problems)
    {
        foreach (var (_, text) in problems) output.WriteLine($"{linter}: {text}");
        Assert.False(problems.Any(p => p.Error),
            $"{linter} reported errors in /openapi/v1.json:\n{string.Join('\n', problems.Where(p => p.Error).Select(p => p.Text))}");
    }

    /// <summary>Runs a linter with JSON output; its report, or a failure with everything it printed.</summary>
    private static async Task<JsonElement> LintAsync(string linter, string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(linter, arguments, TimeSpan.FromMinutes(2), OpenApiLinters.OfflineEnvironment);
        Assert.True(result is not null, $"{linter} could not be started: run scripts/install-deps.sh (it needs Node.js).");
        var (exitCode, text) = result!.Value;
        return ParseReport(Path.GetFileName(linter), exitCode, text);
    }

    private static JsonElement ParseReport(string linter, int exitCode, string text)
    {
        // Standard output (the JSON report) comes first; a banner on standard error (e.g. a Node.js notice) may follow it.
        var start = text.IndexOfAny(['{', '[']);
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(start < 0 ? "" : text[start..]));
            using var json = JsonDocument.ParseValue(ref reader);
            return json.RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"{linter} gave no JSON report (exit {exitCode}):\n{text}");
            throw;
        }
    }
}
