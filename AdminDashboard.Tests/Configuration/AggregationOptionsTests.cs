using AdminDashboard.Core.Aggregation;

namespace AdminDashboard.Tests.Configuration;

public sealed class AggregationOptionsTests
{
    private static IReadOnlyList<string> Validate(params (string, string?)[] settings) =>
        new ValidateAggregationOptions().Failures(OptionsValidation.Bind<AggregationOptions>(AggregationOptions.SectionName, settings));

    [Fact]
    public void The_defaults_and_the_extremes_pass()
    {
        Assert.Empty(Validate());
        Assert.Empty(Validate(("Aggregation:DeadlineMs", "20"), ("Aggregation:StatsTtlSeconds", "1"), ("Aggregation:PartialStatsTtlSeconds", "0")));
    }

    [Theory]
    [InlineData("Aggregation:DeadlineMs", "19")]
    [InlineData("Aggregation:DeadlineMs", "30001")]
    [InlineData("Aggregation:StatsTtlSeconds", "31")]
    [InlineData("Aggregation:PartialStatsTtlSeconds", "-1")]
    [InlineData("Aggregation:PartialStatsTtlSeconds", "31")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value)
    {
        OptionsValidation.AssertRefusedNaming(Validate((key, value)), key, value);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var failures = Validate(("Aggregation:DeadlineMs", "0"), ("Aggregation:StatsTtlSeconds", "0"), ("Aggregation:PartialStatsTtlSeconds", "-1"));

        Assert.Equal(3, failures.Count);
    }
}
