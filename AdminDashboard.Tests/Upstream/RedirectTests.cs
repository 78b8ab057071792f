using AdminDashboard.Core.Upstream;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdminDashboard.Tests.Upstream;

/// <summary>A service that answers with a redirect must not lead the dashboard, and its gateway secret, elsewhere.</summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private readonly int[] _ports = FreePorts.Take(2);
    private WebApplication? _service, _elsewhere;
    private int _secretsSeenElsewhere;

    public async Task InitializeAsync()
    {
        _elsewhere = Host(_ports[1]);
        _elsewhere.MapGet("/{**path}", (HttpContext c) =>
        {
            if (c.Request.Headers.ContainsKey(InternalRequestHeaders.GatewaySecret)) Interlocked.Increment(ref _secretsSeenElsewhere);
            return Results.Ok(new { });
        });
        _service = Host(_ports[0]);
        _service.MapGet("/{**path}", () => Results.Redirect($"http://127.0.0.1:{_ports[1]}/steal", permanent: false));
        await _elsewhere.StartAsync();
        await _service.StartAsync();
    }

    private static WebApplication Host(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        return builder.Build();
    }

    public async Task DisposeAsync()
    {
        if (_service is not null) await _service.DisposeAsync();
        if (_elsewhere is not null) await _elsewhere.DisposeAsync();
    }

    [Fact]
    public async Task A_redirect_from_a_service_is_reported_not_followed()
    {
        var settings = new Dictionary<string, string?> { ["Internal:GatewaySecret"] = "integration-test-gateway-secret" };
        foreach (var service in UpstreamServiceNames.All) settings[$"Upstream:{service}:BaseUrl"] = $"http://127.0.0.1:{_ports[0]}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production });
        await using var provider = services.AddDashboardUpstream(configuration).BuildServiceProvider();

        var failure = await Assert.ThrowsAsync<UpstreamException>(() => provider.GetRequiredService<PatientsClient>().GetStatsAsync(CancellationToken.None));

        Assert.Equal(302, failure.StatusCode);
        Assert.Equal(0, Volatile.Read(ref _secretsSeenElsewhere));
    }
}
