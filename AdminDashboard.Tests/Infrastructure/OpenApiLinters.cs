namespace AdminDashboard.Tests.Infrastructure;

/// <summary>
/// The two OpenAPI linters this project did not write, @redocly/cli and @stoplight/spectral-cli, installed from npm by
/// scripts/install-deps.sh (versions pinned there) into ~/.cache/blazoradmin/openapi-lint. OPENAPI_LINT_HOME points
/// elsewhere. Their rule sets are the repository's redocly.yaml and .spectral.yaml.
/// </summary>
public static class OpenApiLinters
{
    public static string Home { get; } = Environment.GetEnvironmentVariable("OPENAPI_LINT_HOME")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "blazoradmin", "openapi-lint");

    public static string Redocly => Path.Combine(Home, "node_modules", ".bin", "redocly");

    public static string Spectral => Path.Combine(Home, "node_modules", ".bin", "spectral");

    /// <summary>Fails the test, never skips it, when a linter is missing: a lint that did not run must not look like a pass.</summary>
    public static void AssertInstalled()
    {
        foreach (var linter in new[] { Redocly, Spectral })
            Assert.True(File.Exists(linter), $"OpenAPI linter not found at {linter}: run scripts/install-deps.sh (it installs @redocly/cli and @stoplight/spectral-cli from npm) or set OPENAPI_LINT_HOME.");
    }

    /// <summary>No telemetry and no update check: the linters run offline in CI.</summary>
    public static IReadOnlyDictionary<string, string> OfflineEnvironment { get; } = new Dictionary<string, string>
    {
        ["REDOCLY_TELEMETRY"] = "off",
        ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
        ["NO_COLOR"] = "1",
    };
}
