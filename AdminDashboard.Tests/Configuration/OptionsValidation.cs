using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Tests.Configuration;

/// <summary>Binds a section from settings as the app does, then runs one validator on it.</summary>
internal static class OptionsValidation
{
    public static IConfiguration Settings(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

    public static T Bind<T>(string section, params (string Key, string? Value)[] settings) where T : class, new()
    {
        var options = new T();
        Settings(settings).GetSection(section).Bind(options);
        return options;
    }

    /// <summary>The failures, or none when the options pass.</summary>
    public static IReadOnlyList<string> Failures<T>(this IValidateOptions<T> validator, T options) where T : class =>
        validator.Validate(Options.DefaultName, options) is { Failed: true } result ? result.Failures.ToList() : [];

    /// <summary>A bad value is refused alone, by a message that names its key and echoes the value.</summary>
    public static void AssertRefusedNaming(IReadOnlyList<string> failures, string key, string value)
    {
        var failure = Assert.Single(failures);
        Assert.StartsWith(key + " must be", failure);
        Assert.EndsWith($"got {value}.", failure);
    }
}
