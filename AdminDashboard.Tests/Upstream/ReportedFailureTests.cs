using System.Net;
using System.Text.Json;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Upstream;

/// <summary>The real dashboard whose billing service answers <c>200 { "success": false, "error": ... }</c>.</summary>
public sealed class FailingBillingAppFactory : DashboardAppFactory
{
    public const string BillingError = "Ledger database is offline";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddHttpClient<BillingClient>().ConfigurePrimaryHttpMessageHandler(() =>
            new StubHandler(HttpStatusCode.OK, JsonSerializer.Serialize(new { success = false, error = BillingError }))));
    }
}

public sealed class ReportedFailureTests(FailingBillingAppFactory app) : IClassFixture<FailingBillingAppFactory>
{
    [Fact]
    public async Task A_service_reporting_success_false_is_an_error_source_with_its_message_and_a_warning()
    {
        var body = await app.GetStatsAsync();

        Assert.True(body.GetProperty("partial").GetBoolean());
        var billing = body.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("service").GetString() == "billing");
        Assert.Equal("error", billing.GetProperty("status").GetString());
        Assert.Equal($"it reported: {FailingBillingAppFactory.BillingError}", billing.GetProperty("error").GetString());
        Assert.Contains(body.GetProperty("warnings").EnumerateArray(),
            w => w.GetString() == $"Billing service temporarily unavailable: it reported: {FailingBillingAppFactory.BillingError}");
        // Never zeros: the section is missing, not a figure of 0.
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("revenueToday").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("revenue").ValueKind);
        Assert.Equal("ok", body.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("service").GetString() == "patients")
            .GetProperty("status").GetString());
    }
}
