using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using AdminDashboard.Auth;
using AdminDashboard.Tests.Infrastructure;
using HospitalServices.Internal;
using Microsoft.Playwright;

namespace AdminDashboard.Tests.Operations;

/// <summary>
/// `scripts/dev-up.sh --instances 2`: two dashboards sharing Redis and Kafka behind Debian's nginx terminating TLS.
/// An admin signs in through the proxy, watches a new appointment arrive, and the same cookie is accepted whichever
/// instance answers; the proxy's https address sends HSTS and does not serve /metrics.
/// </summary>
[Collection(DevStackCollection.Name)]
[Trait("Category", "Stack")]
public sealed class TwoInstancesBehindProxyTests : IAsyncLifetime
{
    private const string GatewaySecret = "two-instance-stack-gateway-secret";
    private const string InstanceHeader = "X-Upstream-Instance";
    private const string AffinityCookie = "BlazorAdminAffinity";

    private readonly string _state = Directory.CreateTempSubdirectory("blazoradmin-proxy-").FullName;
    private readonly int _firstDashboard = FreePorts.TakeRun(2);
    private readonly int _serviceBase = FreePorts.TakeRun(5);
    private readonly int[] _ports = FreePorts.Take(4);
    private Dictionary<string, string> _environment = [];
    private int ProxyPort => _ports[0];
    private Uri Proxy => new($"https://localhost:{ProxyPort}");
    private string[] Instances => [$"127.0.0.1:{_firstDashboard}", $"127.0.0.1:{_firstDashboard + 1}"];

    public async Task InitializeAsync()
    {
        _environment = new Dictionary<string, string>
        {
            ["DEV_STATE_DIR"] = _state, ["SKIP_BUILD"] = "1", ["CONFIGURATION"] = "Debug", ["GATEWAY_SECRET"] = GatewaySecret,
            ["DASHBOARD_PORT"] = _firstDashboard.ToString(), ["PROXY_PORT"] = ProxyPort.ToString(), ["REDIS_PORT"] = _ports[1].ToString(),
            ["KAFKA_PORT"] = _ports[2].ToString(), ["ZOOKEEPER_PORT"] = _ports[3].ToString(), ["SERVICE_PORT_BASE"] = _serviceBase.ToString(),
        };
        var (exit, output) = (await ProcessRunner.RunAsync("bash", ["scripts/dev-up.sh", "--detach", "--instances", "2"], TimeSpan.FromMinutes(4), _environment))!.Value;
        Assert.True(exit == 0, output);
    }

    public async Task DisposeAsync()
    {
        var (exit, output) = (await ProcessRunner.RunAsync("bash", ["scripts/dev-down.sh"], TimeSpan.FromMinutes(1), _environment))!.Value;
        Assert.True(exit == 0, output);
        Directory.Delete(_state, recursive: true);
    }

    /// <summary>Trusts the stack's own certificate and no other: the proxy's TLS is checked, not switched off.</summary>
    private HttpClient ProxyClient()
    {
        var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_state, "tls", "cert.pem"));
        var handler = new HttpClientHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        return new HttpClient(handler) { BaseAddress = Proxy };
    }

    [Fact]
    public async Task An_admin_signs_in_through_the_proxy_sees_a_new_appointment_and_either_instance_accepts_the_same_cookie()
    {
        var pids = File.ReadAllLines(Path.Combine(_state, "pids")).Select(l => l.Split(' ')[1]).ToList();
        Assert.Equal(["redis", "zookeeper", "kafka", "patients", "doctors", "appointments", "billing", "medicine", "dashboard-1", "dashboard-2", "nginx"], pids);

        using var proxy = ProxyClient();
        using (var live = await proxy.GetAsync("/health/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.StartsWith("max-age=", live.Headers.GetValues("Strict-Transport-Security").Single());
        }
        using (var metrics = await proxy.GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, metrics.StatusCode);
            Assert.DoesNotContain("dashboard_", await metrics.Content.ReadAsStringAsync());
        }

        // Signed in through the proxy, in a browser, with the development admin (the test is a client on this machine).
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
        });
        // The browser is told to accept the self-signed certificate; the HttpClient above pins it.
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Proxy.ToString(), IgnoreHTTPSErrors = true });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url);
        await page.ClickAsync("#dev-signin");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var cookies = await context.CookiesAsync([Proxy.ToString()]);
        var auth = cookies.Single(c => c.Name == AuthPolicies.CookieName);
        Assert.True(auth.Secure, "the sign-in cookie behind the TLS proxy is not Secure");
        var affinity = cookies.Single(c => c.Name == AffinityCookie).Value;

        // Both instances consume: once each has its partitions, no event published from now on is missed.
        foreach (var instance in Instances)
            await WaitForPartitionsAsync(instance, auth);

        // A new appointment, written to the appointments service, reaches the open page through Kafka.
        var appointmentsUrl = new Uri($"http://127.0.0.1:{_serviceBase + 2}");
        using var appointments = new HttpClient { BaseAddress = appointmentsUrl };
        HospitalServiceAdminClient.AddGuardHeaders(appointments.DefaultRequestHeaders, GatewaySecret, internalHeader: true);
        using var created = await appointments.PostAsJsonAsync("/v1/appointments",
            new { patientId = 4242, doctorId = 17, scheduledAt = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.FromHours(7)) });
        created.EnsureSuccessStatusCode();
        var appointment = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = (appointment.TryGetProperty("data", out var data) ? data : appointment).GetProperty("id").GetInt32();
        var item = page.Locator($"[data-testid=feed-item][data-appointment-id='{id}']");
        await item.WaitForAsync();
        Assert.Contains("New appointment: ", await item.InnerTextAsync());

        // The same sign-in cookie on an API call answered by each instance in turn, picked by the affinity cookie.
        var answeredBy = new Dictionary<string, HttpStatusCode>();
        for (var key = 0; key < 64 && answeredBy.Count < Instances.Length; key++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/dashboard/stats");
            request.Headers.Add("Cookie", $"{AuthPolicies.CookieName}={auth.Value}; {AffinityCookie}={(key == 0 ? affinity : $"probe-{key}")}");
            using var response = await proxy.SendAsync(request);
            answeredBy.TryAdd(response.Headers.GetValues(InstanceHeader).Single(), response.StatusCode);
        }
        Assert.Equal(Instances.Order(), answeredBy.Keys.Order());
        Assert.All(answeredBy, a => Assert.Equal(HttpStatusCode.OK, a.Value));
    }

    /// <summary>Through the proxy, routed to one instance (by trying affinity values), until its consumer has its partitions.</summary>
    private async Task WaitForPartitionsAsync(string instance, BrowserContextCookiesResult auth)
    {
        using var proxy = ProxyClient();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/system/health");
            request.Headers.Add("Cookie", $"{AuthPolicies.CookieName}={auth.Value}; {AffinityCookie}=probe-{attempt}");
            using var response = await proxy.SendAsync(request);
            if (response.Headers.GetValues(InstanceHeader).Single() == instance && response.StatusCode == HttpStatusCode.OK)
            {
                var health = await response.Content.ReadFromJsonAsync<JsonElement>();
                var body = health.TryGetProperty("data", out var data) ? data : health;
                if (body.GetProperty("events").GetProperty("partitionsAssigned").ValueKind == JsonValueKind.True) return;
                await Task.Delay(250);
            }
        }
        Assert.Fail($"{instance} never had its Kafka partitions assigned");
    }
}
