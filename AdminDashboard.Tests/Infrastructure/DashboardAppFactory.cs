using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Hospital;
using AdminDashboard.Core.Upstream;
using HospitalServices.Faults;
using HospitalServices.Internal;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Infrastructure;

/// <summary>
/// The real dashboard on a real Kestrel port, in embedded mode: the five mock services on their own free ports,
/// reached over real HTTP. The simulator is off so figures move only when a test moves them. The dashboard and the
/// services share one <see cref="PinnedTimeProvider"/>: the hospital's day is the same whenever the suite runs.
/// </summary>
public class DashboardAppFactory : WebApplicationFactory<Program>
{
    public const string GatewaySecret = "integration-test-gateway-secret";

    /// <summary>
    /// The fan-out deadline in tests: roomier than production's 250 ms so a loaded CI machine does not turn a healthy
    /// service into a timeout; the deadline tests assert against this value.
    /// </summary>
    public const int DeadlineMs = 2000;
    private readonly int[] _ports = FreePorts.Take(6);

    /// <summary>The day every integration test runs on: a Tuesday, mid-month, no daylight-saving change near it.</summary>
    public static readonly DateOnly PinnedDate = new(2026, 3, 10);

    /// <summary>The hospital's zone in this app. Default: the product's default.</summary>
    public string HospitalZone { get; init; } = HospitalOptions.DefaultTimeZone;

    /// <summary>Where the app's clock starts. Default: 10:00 on <see cref="PinnedDate"/> in <see cref="HospitalZone"/>, mid-morning in the clinic.</summary>
    public DateTimeOffset StartsAt
    {
        get => _startsAt ?? LocalAt(PinnedDate, new TimeOnly(10, 0));
        init => _startsAt = value;
    }

    private readonly DateTimeOffset? _startsAt;
    private PinnedTimeProvider? _clock;

    /// <summary>The one clock of the dashboard and its embedded services.</summary>
    public PinnedTimeProvider Clock => _clock ??= new PinnedTimeProvider(StartsAt);

    /// <summary>A wall time on the hospital's clock, on the app's (pinned) day.</summary>
    public DateTimeOffset TodayAt(TimeOnly wallTime) =>
        LocalAt(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(StartsAt, Zone).DateTime), wallTime);

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(HospitalZone);

    private DateTimeOffset LocalAt(DateOnly date, TimeOnly wallTime)
    {
        var local = date.ToDateTime(wallTime);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public DashboardAppFactory()
    {
        UseKestrel(_ports[0]);
    }

    public Uri ServerUrl => new($"http://127.0.0.1:{_ports[0]}");

    public Uri ServiceUrl(UpstreamService service) => new($"http://127.0.0.1:{_ports[1 + (int)service]}");

    /// <summary>The ASP.NET Core environment the app runs in. Default: Development.</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>False to validate tokens with the app's own configuration (the keys dotnet user-jwts writes).</summary>
    public bool UseTestSigningKey { get; init; } = true;

    /// <summary>Extra configuration a test class needs (e.g. a shorter deadline).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        // Tests call the API far more often than an admin; the rate-limit tests set their own limits.
        builder.UseSetting("RateLimit:PermitsPerUser", "100000");
        builder.UseSetting("RateLimit:PermitsPerIp", "100000");
        builder.UseSetting("Internal:GatewaySecret", GatewaySecret);
        // Embedded in every environment the tests choose, as a demo on a staging host would say explicitly.
        builder.UseSetting("Embedded:Enabled", "true");
        builder.UseSetting("Simulator:Enabled", "false");
        builder.UseSetting("Aggregation:DeadlineMs", DeadlineMs.ToString());
        // Tests warm up through the API (EnsureWarmAsync); a background warm-up would add uncounted upstream calls.
        builder.UseSetting("Aggregation:WarmUp", "false");
        builder.UseSetting(HospitalOptions.TimeZoneKey, HospitalZone);
        // The alert evaluator keeps the store refreshing in the background, which would add upstream calls and cache
        // writes the other tests do not count on; the alert tests (and the pages' alert tests) turn it on.
        builder.UseSetting("Alerts:Enabled", "false");
        foreach (var service in UpstreamServiceNames.All)
            builder.UseSetting($"Upstream:{service}:BaseUrl", ServiceUrl(service).ToString());
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        if (!UseTestSigningKey) return;
        builder.ConfigureTestServices(services =>
        {
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.TokenValidationParameters.ValidIssuer = TestTokens.Issuer;
                o.TokenValidationParameters.ValidAudience = TestTokens.Audience;
                o.TokenValidationParameters.IssuerSigningKey = TestTokens.SigningKey;
            });
        });
    }

    public HttpClient CreateApiClient(string? bearerToken)
    {
        StartServer();
        var client = new HttpClient { BaseAddress = ServerUrl };
        if (bearerToken is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    /// <summary>Talks to one mock service directly, with or without the guard's headers.</summary>
    public HttpClient CreateServiceClient(UpstreamService service, string? secret = GatewaySecret, bool internalHeader = true)
    {
        StartServer();
        var client = new HttpClient { BaseAddress = ServiceUrl(service) };
        HospitalServiceAdminClient.AddGuardHeaders(client.DefaultRequestHeaders, secret, internalHeader);
        return client;
    }

    private readonly HttpClient _serviceHttp = new();

    /// <summary>One mock service's switches (faults, request counter, simulated changes), with the right secret.</summary>
    public HospitalServiceAdminClient ServiceAdmin(UpstreamService service)
    {
        StartServer();
        return new HospitalServiceAdminClient(_serviceHttp, ServiceUrl(service), GatewaySecret);
    }

    public Task SetFaultAsync(UpstreamService service, FaultMode mode, int delayMs = 0) =>
        ServiceAdmin(service).SetFaultAsync(mode, delayMs);

    /// <summary>How many admin (stats) requests a service has answered since it started.</summary>
    public Task<long> AdminRequestsAsync(UpstreamService service) => ServiceAdmin(service).AdminRequestsAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _serviceHttp.Dispose();
        base.Dispose(disposing);
    }

    public async Task<System.Text.Json.JsonElement> GetStatsAsync()
    {
        using var client = CreateApiClient(TestTokens.Admin());
        using var response = await client.GetAsync("/v1/admin/dashboard/stats");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }

    public async Task ClearFaultsAsync()
    {
        foreach (var service in UpstreamServiceNames.All)
            await ServiceAdmin(service).ClearFaultAsync();
    }

    private Task? _warm;

    /// <summary>
    /// Waits until one fan-out has come back whole, so the first test does not measure a cold process's JIT
    /// against the 250 ms deadline. Bounded: a dashboard that never comes back whole fails the tests that need it.
    /// </summary>
    public Task EnsureWarmAsync() => _warm ??= WarmAsync();

    private async Task WarmAsync()
    {
        using var client = CreateApiClient(TestTokens.Admin());
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await ClearStatsCacheAsync();
            var body = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/admin/dashboard/stats");
            if (!body.GetProperty("partial").GetBoolean()) break;
            await Task.Delay(250);
        }
        await ClearStatsCacheAsync();
    }

    /// <summary>Forgets every service's last-known-good section, so a failing service shows as missing, not stale.</summary>
    public async Task ClearLastKnownGoodAsync() =>
        await Services.GetRequiredService<IDashboardCache>().RemoveByPatternAsync("admin:lkg:*", CancellationToken.None);

    public async Task ClearStatsCacheAsync() =>
        await Services.GetRequiredService<IDashboardCache>().RemoveAsync(CacheKeys.Stats, CancellationToken.None);
}

[CollectionDefinition(Name)]
public sealed class DashboardAppCollection : ICollectionFixture<DashboardAppFactory>
{
    public const string Name = "Dashboard app";
}
