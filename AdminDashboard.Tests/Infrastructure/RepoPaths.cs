namespace AdminDashboard.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The repository root: the folder above the test binaries that holds BlazorAdmin.sln.</summary>
    public static string Root { get; } = Find();

    /// <summary><c>artifacts/screenshots/</c> at the root (git-ignored), created on first use.</summary>
    public static string Screenshot(string name)
    {
        var dir = Path.Combine(Root, "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BlazorAdmin.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("BlazorAdmin.sln not found above the test binaries");
    }
}
