using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Store;

/// <summary><c>Dashboard</c> section: how often the open dashboards refresh.</summary>
public sealed class DashboardStoreOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// The store's one timer: while any dashboard is open, its figures are read again this often (through the cache);
    /// an admin can pause applying them on their page.
    /// </summary>
    public int RefreshSeconds { get; set; } = 5;
}

public sealed class ValidateDashboardStoreOptions : IValidateOptions<DashboardStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardStoreOptions o)
    {
        var errors = new List<string>();
        if (o.RefreshSeconds is < 1 or > 3600)
            errors.Add($"{DashboardStoreOptions.SectionName}:{nameof(o.RefreshSeconds)} must be between 1 and 3600; got {o.RefreshSeconds}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
