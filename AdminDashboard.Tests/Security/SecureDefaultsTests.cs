using System.Net;
using System.Net.Http.Json;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Guard;
using HospitalServices.Internal;

namespace AdminDashboard.Tests.Security;

/// <summary>What a hospital gets when it deploys without saying more than it must.</summary>
public sealed class SecureDefaultsTests
{
    private static DashboardAppFactory Production(params (string Key, string? Value)[] settings)
    {
        var app = new DashboardAppFactory { EnvironmentName = "Production" };
        app.Settings["AzureAd:Instance"] = "https://login.microsoftonline.com/";
        app.Settings["AzureAd:TenantId"] = "11111111-2222-3333-4444-555555555555";
        app.Settings["AzureAd:ClientId"] = "66666666-7777-8888-9999-000000000000";
        app.Settings["AzureAd:ClientSecret"] = "not-a-real-secret";
        foreach (var (key, value) in settings) app.Settings[key] = value;
        return app;
    }

    [Fact]
    public async Task Production_without_upstream_addresses_refuses_to_start_and_says_what_to_set()
    {
        var settings = UpstreamServiceNames.All.Select(s => ($"Upstream:{s}:BaseUrl", (string?)null)).Append(("Embedded:Enabled", "false")).ToArray();
        await using var app = Production(settings);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateApiClient(null));

        Assert.Contains("Upstream:Patients:BaseUrl is required", error.ToString());
        Assert.Contains("Embedded:Enabled=true", error.ToString());
    }

    [Fact]
    public async Task Outside_development_the_embedded_services_have_no_fault_or_simulate_switch()
    {
        await using var app = Production();
        using var client = app.CreateServiceClient(UpstreamService.Billing);

        using var fault = await client.PutAsJsonAsync(InternalRoutes.Faults, new { mode = "error" });
        using var simulate = await client.PostAsync(InternalRoutes.Simulate("payment.completed"), null);
        using var stats = await client.GetAsync("/v1/admin/billing/stats");

        Assert.Equal(HttpStatusCode.NotFound, fault.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, simulate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    [Fact]
    public async Task Faults_enabled_turns_the_switches_on_outside_development()
    {
        await using var app = Production(("Faults:Enabled", "true"));
        using var client = app.CreateServiceClient(UpstreamService.Billing);

        using var fault = await client.GetAsync(InternalRoutes.Faults);

        Assert.Equal(HttpStatusCode.OK, fault.StatusCode);
    }

    [Fact]
    public void The_services_refuse_the_same_development_secret_the_dashboard_ships()
    {
        Assert.Equal(ValidateInternalOptions.DevelopmentDefault, InternalRequestGuard.DevelopmentSecret);
    }

    [Fact]
    public async Task The_standalone_service_host_refuses_the_development_secret_outside_development()
    {
        var host = Path.Combine(RepoPaths.Root, "mock-services", "HospitalServices.Host", "bin", "Debug", "net10.0", "HospitalServices.Host.dll");
        Assert.True(File.Exists(host), $"build the solution first: {host}");

        var run = await ProcessRunner.RunAsync("dotnet", [host, "--service", "patients"], TimeSpan.FromMinutes(1), new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Internal__GatewaySecret"] = InternalRequestGuard.DevelopmentSecret,
            ["Services__Patients__Url"] = $"http://127.0.0.1:{FreePorts.Take(1)[0]}",
        });

        Assert.NotNull(run);
        Assert.Equal(2, run!.Value.ExitCode);
        Assert.Contains("development secret", run.Value.Output);
    }
}
