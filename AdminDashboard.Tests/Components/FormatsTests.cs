using AdminDashboard.Components.Dashboard;

namespace AdminDashboard.Tests.Components;

public sealed class FormatsTests
{
    [Theory]
    [InlineData(1L, "1 payment")]
    [InlineData(0L, "0 payments")]
    [InlineData(2L, "2 payments")]
    [InlineData(1234L, "1,234 payments")]
    [InlineData(null, "-- payments")]
    public void A_count_takes_the_singular_for_exactly_one_and_the_plural_otherwise(long? count, string expected) =>
        Assert.Equal(expected, Formats.Counted(count, "payment"));

    [Fact]
    public void An_irregular_plural_is_given_with_its_noun() =>
        Assert.Equal("3 analyses", Formats.Counted(3, "analysis", "analyses"));

    [Theory]
    [InlineData(1.0, "1 day")]
    [InlineData(1.04, "1 day")]
    [InlineData(0.5, "0.5 days")]
    [InlineData(2.5, "2.5 days")]
    [InlineData(0.0, "0 days")]
    public void Days_with_a_fraction_are_singular_only_when_they_read_as_one(double days, string expected) =>
        Assert.Equal(expected, Formats.Days(days));
}
