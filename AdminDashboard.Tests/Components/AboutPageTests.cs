using AdminDashboard.Components.Pages;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Embedded;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Tests.Components;

public sealed class AboutPageTests : MudBunitContext
{
    private IRenderedComponent<About> RenderAbout(bool embedded, bool simulator = true, int intervalMs = 2000)
    {
        var upstream = new UpstreamOptions();
        foreach (var service in UpstreamServiceNames.All)
            upstream.For(service).BaseUrl = new Uri($"http://{service.PathSegment()}.hospital.internal:{8082 + (int)service}");
        Services.AddSingleton(Options.Create(new EmbeddedOptions { Enabled = embedded }));
        Services.AddSingleton(Options.Create(new SimulatorOptions { Enabled = simulator, IntervalMs = intervalMs }));
        Services.AddSingleton(Options.Create(new CacheOptions()));
        Services.AddSingleton(Options.Create(new EventsOptions()));
        Services.AddSingleton(Options.Create(upstream));
        Services.AddSingleton(Options.Create(new AggregationOptions()));
        return Render<About>();
    }

    [Fact]
    public void Distributed_mode_says_so_and_lists_each_services_address()
    {
        var page = RenderAbout(embedded: false);

        Assert.StartsWith("Distributed", page.Find("[data-testid=about-mode]").TextContent.Trim());
        Assert.DoesNotContain("Embedded", page.Find("[data-testid=about]").TextContent);
        // The simulator runs only beside in-process services.
        Assert.Empty(page.FindAll("[data-testid=about-simulator]"));
        Assert.Equal("http://billing.hospital.internal:8085/", page.Find("[data-service=billing] [data-testid=about-address]").TextContent.Trim());
        Assert.Equal(5, page.FindAll("[data-testid=about-address]").Count);
    }

    [Fact]
    public void Embedded_mode_says_the_services_run_in_process_and_whether_the_simulator_is_on()
    {
        var page = RenderAbout(embedded: true, simulator: true, intervalMs: 1500);

        Assert.StartsWith("Embedded", page.Find("[data-testid=about-mode]").TextContent.Trim());
        Assert.Equal("On: one hospital change every 1500 ms", page.Find("[data-testid=about-simulator]").TextContent.Trim());
        Assert.Contains("in this process", page.Find("thead").TextContent);
    }

    [Fact]
    public void Embedded_mode_with_the_simulator_off_says_it_is_off()
    {
        var page = RenderAbout(embedded: true, simulator: false);

        Assert.StartsWith("Off", page.Find("[data-testid=about-simulator]").TextContent.Trim());
    }
}
