using Microsoft.Extensions.Options;

namespace AdminDashboard.Auth;

/// <summary>Refuses to start with a sign-in that does not fit the environment, and says what to set.</summary>
public sealed class ValidateDashboardAuth(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<DashboardAuthOptions>
{
    public const string MissingIdentityMessage =
        "No sign-in is configured for the {0} environment. Set AzureAd:Instance (https://login.microsoftonline.com/), " +
        "AzureAd:TenantId and AzureAd:ClientId (and AzureAd:ClientSecret or a certificate for the web sign-in): see README, Security. " +
        "The development sign-in and dotnet user-jwts tokens work only in Development.";

    /// <summary>
    /// Read from configuration, not from bound options: the <c>AzureAd</c> section belongs to Microsoft.Identity.Web,
    /// and whether it is there decides which schemes are registered, before any options exist.
    /// </summary>
    public static bool EntraIdConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{AuthPolicies.EntraIdSection}:ClientId"]);

    public ValidateOptionsResult Validate(string? name, DashboardAuthOptions options)
    {
        var errors = new List<string>();
        if (options.DevelopmentSignIn && !environment.IsDevelopment())
            errors.Add($"{DashboardAuthOptions.SectionName}:{nameof(DashboardAuthOptions.DevelopmentSignIn)} may only be enabled in the Development environment.");
        if (!environment.IsDevelopment() && !EntraIdConfigured(configuration))
            errors.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, MissingIdentityMessage, environment.EnvironmentName));
        if (EntraIdConfigured(configuration))
        {
            foreach (var key in new[] { "Instance", "TenantId" })
                if (string.IsNullOrWhiteSpace(configuration[$"{AuthPolicies.EntraIdSection}:{key}"]))
                    errors.Add($"{AuthPolicies.EntraIdSection}:{key} is required with AzureAd:ClientId.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
