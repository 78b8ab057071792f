using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdminDashboard.Auth;

/// <summary>
/// Validated bearer tokens, so that a tool polling the API with one token pays for its validation once: the
/// bench's profile of a cache hit put about 70 % of its allocations in JWT validation. A token is answered from
/// here only until its own expiry (as the handler's clock reads it), and only while the key that signed it is still
/// among the keys the handler validates against (a key the identity provider stops publishing takes its tokens out
/// at the next call), so a cached token never outlives a validated one; the principal is the one validation
/// produced. Bounded: past <see cref="Capacity"/> tokens it starts afresh.
/// </summary>
public sealed class ValidatedTokenCache
{
    public const int Capacity = 10_000;

    private sealed class Validated(ClaimsPrincipal principal, DateTimeOffset validTo, SecurityKey signingKey)
    {
        public ClaimsPrincipal Principal => principal;
        public DateTimeOffset ValidTo => validTo;
        public SecurityKey SigningKey => signingKey;

        // The key set its key was last found in: while the handler's keys are that same instance, no search.
        public object? FoundIn;
    }

    private readonly ConcurrentDictionary<string, Validated> _tokens = new(StringComparer.Ordinal);
    // Looked up by the Authorization header's characters: no copy of the token per call.
    private readonly ConcurrentDictionary<string, Validated>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public ValidatedTokenCache() => _byChars = _tokens.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _tokens.Count;

    /// <summary>Whether <paramref name="token"/> is held, whatever its expiry and key.</summary>
    public bool Holds(string token) => _tokens.ContainsKey(token);

    /// <inheritdoc cref="Holds(string)"/>
    public bool Holds(ReadOnlySpan<char> token) => _byChars.ContainsKey(token);

    /// <summary>
    /// The principal of a token validated before, not yet expired at <paramref name="now"/> and signed by a key still in
    /// <paramref name="keys"/>; else null, and the token is forgotten.
    /// </summary>
    public ClaimsPrincipal? Find(ReadOnlySpan<char> token, DateTimeOffset now, SigningKeys keys)
    {
        if (!_byChars.TryGetValue(token, out var key, out var validated)) return null;
        if (validated.ValidTo > now && StillSigning(validated, keys)) return validated.Principal;
        _tokens.TryRemove(new KeyValuePair<string, Validated>(key, validated));
        return null;
    }

    /// <inheritdoc cref="Find(ReadOnlySpan{char}, DateTimeOffset, SigningKeys)"/>
    public ClaimsPrincipal? Find(string token, DateTimeOffset now, SigningKeys keys) => Find(token.AsSpan(), now, keys);

    /// <summary>Tokens kept since start, one per validation that succeeded: what the cache spared is the calls beyond it.</summary>
    public long Kept => Interlocked.Read(ref _kept);

    private long _kept;

    public void Keep(string token, ClaimsPrincipal principal, DateTimeOffset validTo, SecurityKey signingKey)
    {
        Interlocked.Increment(ref _kept);
        if (_tokens.Count >= Capacity) _tokens.Clear();
        _tokens[token] = new Validated(principal, validTo, signingKey);
    }

    private static bool StillSigning(Validated validated, SigningKeys keys)
    {
        if (ReferenceEquals(Volatile.Read(ref validated.FoundIn), keys.Version)) return true;
        if (!keys.Contains(validated.SigningKey)) return false;
        Volatile.Write(ref validated.FoundIn, keys.Version);
        return true;
    }
}

/// <summary>
/// The keys the bearer handler checks a signature against now: the identity provider's published set (its metadata,
/// which the handler's configuration manager refreshes) and the configured ones. <see cref="Version"/> is the instance
/// they come from; a refresh makes a new one.
/// </summary>
public readonly struct SigningKeys(object version, IEnumerable<SecurityKey>? published, TokenValidationParameters configured)
{
    public object Version => version;

    /// <summary>
    /// Whether <paramref name="key"/> is among them: the same instance, or one with its id and its material (JWK
    /// thumbprint). By material, not instance: configured keys may be made anew each time they are read (user-jwts').
    /// </summary>
    public bool Contains(SecurityKey key) =>
        Same(configured.IssuerSigningKey, key) || (configured.IssuerSigningKeys?.Any(k => Same(k, key)) ?? false)
        || (published?.Any(k => Same(k, key)) ?? false);

    private static bool Same(SecurityKey? candidate, SecurityKey key)
    {
        if (candidate is null) return false;
        if (ReferenceEquals(candidate, key)) return true;
        if (!string.Equals(candidate.KeyId ?? "", key.KeyId ?? "", StringComparison.Ordinal)) return false;
        return candidate.CanComputeJwkThumbprint() && key.CanComputeJwkThumbprint()
            && candidate.ComputeJwkThumbprint().AsSpan().SequenceEqual(key.ComputeJwkThumbprint());
    }

    /// <summary>What the handler with <paramref name="options"/> validates against now (the metadata as it has it cached).</summary>
    public static async ValueTask<SigningKeys> Of(JwtBearerOptions options, CancellationToken cancellationToken)
    {
        var configured = options.TokenValidationParameters;
        if (options.Configuration is { } fixedConfiguration) return new(fixedConfiguration, fixedConfiguration.SigningKeys, configured);
        if (options.ConfigurationManager is not { } manager) return new(configured, null, configured);
        var current = await manager.GetConfigurationAsync(cancellationToken);
        return new(current, current.SigningKeys, configured);
    }
}

public static class ValidatedTokenCacheExtensions
{
    /// <summary>
    /// Puts <see cref="ValidatedTokenCache"/> in front of the bearer scheme's validation, around whatever events the
    /// scheme already has (Microsoft.Identity.Web's included): a known token skips validation, a newly validated one is kept.
    /// </summary>
    public static IServiceCollection AddValidatedTokenCache(this IServiceCollection services)
    {
        services.AddSingleton<ValidatedTokenCache>();
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.Events ??= new JwtBearerEvents();
            var received = o.Events.OnMessageReceived;
            var validated = o.Events.OnTokenValidated;
            o.Events.OnMessageReceived = async context =>
            {
                await received(context);
                if (context.Result is not null) return;
                var cache = context.HttpContext.RequestServices.GetRequiredService<ValidatedTokenCache>();
                if (!cache.Holds(Token(context))) return;
                // The keys the handler would check the signature against now: a cached token is answered only while its
                // key is among them. When they cannot be had (the provider's metadata unreachable), the handler is left
                // to validate, and to fail, as it would without the cache.
                SigningKeys keys;
                try
                {
                    keys = await SigningKeys.Of(context.Options, context.HttpContext.RequestAborted);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    return;
                }
                if (Cached(context, cache, keys) is { } principal)
                {
                    context.Principal = principal;
                    context.Success();
                }
            };
            o.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                if (context.Result is { Succeeded: false } || context.Principal is null) return;
                // Only a token with an expiry and the key that signed it: without either, it could not be let go in time.
                if (context.SecurityToken is JsonWebToken { ValidTo: var validTo, SigningKey: { } signingKey } jwt && validTo > DateTime.MinValue)
                    context.HttpContext.RequestServices.GetRequiredService<ValidatedTokenCache>()
                        .Keep(jwt.EncodedToken, context.Principal, new DateTimeOffset(validTo, TimeSpan.Zero), signingKey);
            };
        });
        return services;
    }

    private static ClaimsPrincipal? Cached(MessageReceivedContext context, ValidatedTokenCache cache, SigningKeys keys)
    {
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return cache.Find(Token(context), now, keys);
    }

    /// <summary>The token the handler would validate: the one an earlier event set, else the <c>Bearer</c> header's.</summary>
    private static ReadOnlySpan<char> Token(MessageReceivedContext context) =>
        context.Token is { } given ? given.AsSpan() : BearerToken(context.Request.Headers.Authorization.ToString());

    /// <summary>The token of a <c>Bearer</c> header, as the handler reads it (trimmed); empty when there is none.</summary>
    private static ReadOnlySpan<char> BearerToken(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization.AsSpan("Bearer ".Length).Trim() : [];
}
