using AdminDashboard.Components.Dashboard;
using AdminDashboard.Core.Aggregation;
using Bunit;

namespace AdminDashboard.Tests.Components;

public sealed class PartialBannerTests : MudBunitContext
{
    private static readonly IReadOnlyList<SourceReport> BillingTimedOut =
    [
        new("patients", "Patients", SourceStatus.Ok, 12, Now, null, null),
        new("doctors", "Doctors", SourceStatus.Ok, 10, Now, null, null),
        new("appointments", "Appointments", SourceStatus.Ok, 14, Now, null, null),
        new("billing", "Billing", SourceStatus.Timeout, 250, null, null, "no answer within 250 ms"),
        new("medicine", "Pharmacy", SourceStatus.Ok, 9, Now, null, null),
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
    public void Partial_banner_says_how_old_stale_figures_are()
    {
        var sources = BillingTimedOut.Select(s => s.Service == "billing"
            ? s with { Status = SourceStatus.Stale, AsOf = Now.AddMinutes(-4), AgeSeconds = 245 } : s).ToList();
        var banner = Render<PartialBanner>(p => p
            .Add(c => c.Partial, true)
            .Add(c => c.Warnings, ["Billing figures are 4 min old: service unavailable"])
            .Add(c => c.Sources, sources));

        Assert.Equal("1 of 5 sources stale: Billing failed, showing figures 4 min old", banner.Find("[data-testid=partial-summary]").TextContent.Trim());
        Assert.Equal("Billing figures are 4 min old: service unavailable", banner.Find("[data-testid=partial-warning]").TextContent.Trim());
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
