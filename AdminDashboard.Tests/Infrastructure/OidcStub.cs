using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdminDashboard.Tests.Infrastructure;

/// <summary>
/// Entra ID without Entra: an OpenID Connect authority on a free loopback port, shaped like the Microsoft identity
/// platform's v2.0 endpoints (<c>{instance}{tenant}/v2.0/.well-known/openid-configuration</c>, a JWKS, a tenant in the
/// issuer and a <c>tid</c> claim). Its RSA key is made per run, so no token outlives the run. The dashboard is pointed at
/// it through the ordinary <c>AzureAd</c> settings and downloads its metadata and keys over https, as it would Entra's:
/// the stub's certificate is made per run too, and the dashboard's back channels trust that one certificate only.
/// </summary>
public sealed class OidcStub : IAsyncDisposable
{
    public const string TenantId = "a1b2c3d4-0000-4000-8000-000000000001";
    public const string OtherTenantId = "a1b2c3d4-0000-4000-8000-000000000002";
    public const string ClientId = "c0ffee00-0000-4000-8000-000000000003";
    public const string OtherClientId = "c0ffee00-0000-4000-8000-000000000004";

    /// <summary>A token's lifetime: fixed instants, so no test reads the clock; the expired one ended long ago.</summary>
    public static readonly DateTime ValidFrom = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime ValidUntil = new(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime ExpiredAt = new(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly X509Certificate2 _certificate;
    private int _discoveryRequests;
    private int _keyRequests;

    private OidcStub(int port)
    {
        Instance = new Uri($"https://127.0.0.1:{port}/");
        _key = new RsaSecurityKey(_rsa) { KeyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) };
        _certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseHttps(_certificate)));
        _app = builder.Build();
        _app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) =>
        {
            Interlocked.Increment(ref _discoveryRequests);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Issuer(tenant),
                ["authorization_endpoint"] = $"{Instance}{tenant}/oauth2/v2.0/authorize",
                ["token_endpoint"] = $"{Instance}{tenant}/oauth2/v2.0/token",
                ["end_session_endpoint"] = $"{Instance}{tenant}/oauth2/v2.0/logout",
                ["jwks_uri"] = $"{Instance}{tenant}/discovery/v2.0/keys",
                ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
                ["subject_types_supported"] = new[] { "pairwise" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        _app.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) =>
        {
            Interlocked.Increment(ref _keyRequests);
            var parameters = _rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new Dictionary<string, string>
                    {
                        ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = _key.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    },
                },
            });
        });
    }

    public static async Task<OidcStub> StartAsync()
    {
        var stub = new OidcStub(FreePorts.Take(1)[0]);
        await stub._app.StartAsync();
        return stub;
    }

    /// <summary>What <c>AzureAd:Instance</c> is set to.</summary>
    public Uri Instance { get; }

    /// <summary>How many times the discovery document and the keys were fetched: a 200 proves the path, these prove it was this one.</summary>
    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);
    public int KeyRequests => Volatile.Read(ref _keyRequests);

    /// <summary>The tenant's v2.0 issuer, as Entra writes it.</summary>
    public string Issuer(string tenant) => $"{Instance}{tenant}/v2.0";

    /// <summary>The settings that point the dashboard's Microsoft.Identity.Web at this authority.</summary>
    public IEnumerable<KeyValuePair<string, string?>> DashboardSettings() =>
    [
        new("AzureAd:Instance", Instance.ToString()),
        new("AzureAd:TenantId", TenantId),
        new("AzureAd:ClientId", ClientId),
        new("AzureAd:ClientSecret", "oidc-stub-client-secret"),
    ];

    private const string IssuerValidatorClient = "oidc-stub";

    /// <summary>
    /// Makes the dashboard's three back channels to the authority (the API's and the sign-in's metadata and keys, and
    /// Microsoft.Identity.Web's issuer validator) trust this run's certificate, pinned by thumbprint; https stays required.
    /// </summary>
    public void TrustFrom(IServiceCollection services)
    {
        services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = TrustingHandler());
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = TrustingHandler());
        services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = IssuerValidatorClient);
        services.AddHttpClient(IssuerValidatorClient).ConfigurePrimaryHttpMessageHandler(TrustingHandler);
    }

    private HttpClientHandler TrustingHandler()
    {
        var thumbprint = _certificate.Thumbprint;
        return new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint };
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=oidc-stub", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(ValidFrom, ValidUntil);
        // Through PKCS#12 so that Kestrel on Linux gets a certificate whose private key it can use.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// An access token as Entra issues one to a tool calling the API (v2.0: issuer and <c>tid</c> of the tenant,
    /// audience the app's client id, app roles in <c>roles</c>), signed with this run's key.
    /// </summary>
    public string CreateToken(string tenant = TenantId, string audience = ClientId, string[]? roles = null, string? scope = null,
        DateTime? expires = null, string user = "admin@hospital.example", SecurityKey? signedWith = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tenant, ["oid"] = "0b7e4a52-0000-4000-8000-0000000000aa", ["sub"] = user, ["name"] = user,
            ["preferred_username"] = user, ["ver"] = "2.0", ["azp"] = OtherClientId,
        };
        if (roles is not null) claims["roles"] = roles;
        if (scope is not null) claims["scp"] = scope;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer(tenant),
            Audience = audience,
            Claims = claims,
            Subject = new ClaimsIdentity(),
            IssuedAt = ValidFrom,
            NotBefore = ValidFrom,
            Expires = expires ?? ValidUntil,
            SigningCredentials = new SigningCredentials(signedWith ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
        _certificate.Dispose();
    }
}
