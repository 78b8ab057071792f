using AdminDashboard.Components.Dashboard;
using AdminDashboard.Core.Aggregation;
using Bunit;

namespace AdminDashboard.Tests.Components;

public sealed class PartialBannerTests : MudBunitContext
{
    private static readonly IReadOnlyList<SourceReport> BillingTimedOut =
    [
        new("patients", "Patients", SourceStatus.Ok, 12, DateTimeOffset.UtcNow, null),
        new("doctors", "Doctors", SourceStatus.Ok, 10, DateTimeOffset.UtcNow, null),
        new("appointments", "Appointments", SourceStatus.Ok, 14, DateTimeOffset.UtcNow, null),
        new("billing", "Billing", SourceStatus.Timeout, 250, null, "no answer within 250 ms"),
        new("medicine", "Pharmacy", SourceStatus.Ok, 9, DateTimeOffset.UtcNow, null),
    ];

    [Fact]
    public void Partial_banner_shows_the_summary_and_every_warning()
    {
        var banner = Render<PartialBanner>(p => p
            .Add(c => c.Partial, true)
            .Add(c => c.Warnings, ["Billing service temporarily unavailable: no answer within 250 ms"])
            .Add(c => c.Sources, BillingTimedOut));

        Assert.Equal("1 of 5 sources unavailable: Billing timed out", banner.Find("[data-testid=partial-summary]").TextContent.Trim());
        var warning = Assert.Single(banner.FindAll("[data-testid=partial-warning]"));
        Assert.Equal("Billing service temporarily unavailable: no answer within 250 ms", warning.TextContent.Trim());
    }

    [Fact]
    public void Partial_banner_disappears_when_the_data_is_whole_again()
    {
        var banner = Render<PartialBanner>(p => p
            .Add(c => c.Partial, true)
            .Add(c => c.Warnings, ["Billing service temporarily unavailable: no answer within 250 ms"])
            .Add(c => c.Sources, BillingTimedOut));
        Assert.NotEmpty(banner.FindAll("[data-testid=partial-banner]"));

        banner.Render(p => p
            .Add(c => c.Partial, false)
            .Add(c => c.Warnings, Array.Empty<string>())
            .Add(c => c.Sources, BillingTimedOut.Select(s => s with { Status = SourceStatus.Ok, Error = null }).ToList()));

        Assert.Empty(banner.FindAll("[data-testid=partial-banner]"));
    }
}
