using AdminDashboard.Core.Hospital;

namespace AdminDashboard.Tests.Configuration;

public sealed class HospitalOptionsTests
{
    private static IReadOnlyList<string> Validate(params (string, string?)[] settings) =>
        new ValidateHospitalOptions().Failures(OptionsValidation.Bind<HospitalOptions>(HospitalOptions.SectionName, settings));

    [Fact]
    public void The_default_zone_and_another_iana_zone_pass()
    {
        Assert.Empty(Validate());
        Assert.Empty(Validate(("Hospital:TimeZone", "Europe/Paris")));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("Mars/Olympus_Mons")]
    public void An_empty_or_unknown_zone_is_refused_naming_the_key(string zone)
    {
        var failure = Assert.Single(Validate(("Hospital:TimeZone", zone)));

        Assert.StartsWith("Hospital:TimeZone", failure);
    }
}
