using System.Runtime.CompilerServices;
using Mandate.Server.Configuration;
using Mandate.Server.Keys;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tokens;

/// <summary>
/// The one place where the server's <see cref="TokenValidationParameters"/> are made: issuers, audiences, lifetime on the
/// application's <see cref="TimeProvider"/> with the configured clock skew, allowed algorithms and keys. Every JWT the
/// server reads is validated by <see cref="JsonWebTokenHandler"/> with parameters from here: client assertions
/// (RFC 7523 §3, OIDC Core §9), signed authentication requests (CIBA §7.1.1), <c>id_token_hint</c> (CIBA §7.1) and the
/// server's own RFC 9068 access tokens (introspection, userinfo, revocation). Claim rules the library cannot express stay
/// with their callers (the request object's maximum lifetime and <c>jti</c>/<c>nbf</c> rules, single use of <c>jti</c>).
/// </summary>
internal sealed class JwtValidation
{
    /// <summary>Algorithm of the server's own tokens.</summary>
    public const string ServerAlgorithm = SecurityAlgorithms.EcdsaSha256;

    /// <summary>RFC 9068 §2.1 header <c>typ</c> of access tokens.</summary>
    public const string AccessTokenType = "at+jwt";

    private readonly TimeProvider _time;
    private readonly Func<IEnumerable<SecurityKey>> _serverKeys;

    // Client-JWT parameters by the registered key they verify with; an entry goes with its key (a client's keys are
    // replaced when its registration changes).
    private readonly ConditionalWeakTable<SecurityKey, ClientJwtParameters> _clientJwt = [];

    /// <summary>Creates the factory for the host's options, clock and key ring.</summary>
    public JwtValidation(IOptions<MandateServerOptions> options, TimeProvider time, ServerKeyRing keys)
        : this(options.Value, time, () => keys.PublishedSigningKeys)
    {
    }

    /// <summary>Creates the factory with the server's published keys from <paramref name="serverKeys"/> (tests).</summary>
    public JwtValidation(MandateServerOptions options, TimeProvider time, Func<IEnumerable<SecurityKey>> serverKeys)
    {
        _time = time;
        _serverKeys = serverKeys;
        Issuer = options.IssuerString;
        ClockSkew = TimeSpan.FromSeconds(options.ClockSkewSeconds);
        IdTokenHintGrace = TimeSpan.FromSeconds(options.IdTokenHintGraceSeconds);
        ClientAudiences = AcceptedAudiences(options);
    }

    /// <summary>The one handler (thread-safe) that reads and validates JWTs.</summary>
    public static JsonWebTokenHandler Handler { get; } = new() { MapInboundClaims = false };

    /// <summary>This server's issuer identifier.</summary>
    public string Issuer { get; }

    /// <summary>Allowed clock skew for time claims.</summary>
    public TimeSpan ClockSkew { get; }

    /// <summary>How long after its expiry an <c>id_token_hint</c> is still accepted (CIBA §14).</summary>
    public TimeSpan IdTokenHintGrace { get; }

    /// <summary>
    /// The <c>aud</c> values accepted in JWTs clients sign for this server, client assertions and request objects alike
    /// (CIBA §7.1: "the OP MUST accept its Issuer Identifier, its Token Endpoint URL, or its Backchannel
    /// Authentication Endpoint URL"; RFC 7523 §3 item 3): the issuer, the issuer with a trailing <c>/</c> or its default
    /// port spelled out, the token endpoint URL and the backchannel authentication endpoint URL.
    /// </summary>
    public IReadOnlySet<string> ClientAudiences { get; }

    /// <summary>The current time of the application's clock.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>
    /// A JWT a client signed (client assertion or request object) with the key already chosen by <c>kid</c>:
    /// <c>iss</c> = the client, <c>aud</c> one of <see cref="ClientAudiences"/>, <c>exp</c> required and not passed,
    /// <c>nbf</c> (when present) reached, signature by <paramref name="key"/> with exactly <paramref name="algorithm"/>.
    /// The parameters are made once per registered key and algorithm and then shared (the handler only reads them; the
    /// lifetime check reads the clock at each validation), so a request does not build them again.
    /// </summary>
    public TokenValidationParameters ForClientJwt(string clientId, SecurityKey key, string algorithm)
    {
        if (_clientJwt.TryGetValue(key, out var made) && made.ClientId == clientId && made.Algorithm == algorithm)
        {
            return made.Parameters;
        }

        made = new ClientJwtParameters(clientId, algorithm, new TokenValidationParameters
        {
            ValidIssuer = clientId,
            ValidAudiences = ClientAudiences,
            IssuerSigningKey = key,
            // Only the one key chosen by kid is offered. IdentityModel matches keys by kid unless told to try them all, so a
            // JWT without kid (allowed when the client has one key, RFC 7515 §4.1.4) would otherwise never verify.
            TryAllIssuerSigningKeys = true,
            ValidAlgorithms = [algorithm],
            ValidateIssuerSigningKey = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = Lifetime(TimeSpan.Zero),
        });
        _clientJwt.AddOrUpdate(key, made);
        return made.Parameters;
    }

    /// <summary>
    /// This server's RFC 9068 access tokens: <c>typ</c> <c>at+jwt</c>, its issuer, ES256 by one of its published keys,
    /// not expired. The audience is the resource server's (RFC 9068 §4), so it is not checked here.
    /// </summary>
    public TokenValidationParameters ForAccessToken() => new()
    {
        ValidIssuer = Issuer,
        ValidTypes = [AccessTokenType],
        ValidAlgorithms = [ServerAlgorithm],
        IssuerSigningKeys = _serverKeys(),
        ValidateAudience = false,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = Lifetime(TimeSpan.Zero),
    };

    /// <summary>
    /// An <c>id_token_hint</c> (CIBA §7.1, §14): this server's ID token (<c>typ</c> <c>JWT</c>, ES256, its issuer) for
    /// <paramref name="clientId"/> (<c>aud</c>), expired no longer ago than <see cref="IdTokenHintGrace"/>.
    /// </summary>
    public TokenValidationParameters ForIdTokenHint(string clientId) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = clientId,
        ValidTypes = ["JWT"],
        ValidAlgorithms = [ServerAlgorithm],
        IssuerSigningKeys = _serverKeys(),
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = Lifetime(IdTokenHintGrace),
    };

    /// <summary>Validates <paramref name="jwt"/> with <paramref name="parameters"/>.</summary>
    public static Task<TokenValidationResult> ValidateAsync(string jwt, TokenValidationParameters parameters) =>
        Handler.ValidateTokenAsync(jwt, parameters);

    /// <summary>Validates a token already read (<see cref="Ciba.JwsCompact"/>) with <paramref name="parameters"/>, without
    /// reading it again.</summary>
    public static Task<TokenValidationResult> ValidateAsync(JsonWebToken token, TokenValidationParameters parameters) =>
        Handler.ValidateTokenAsync(token, parameters);

    /// <summary>The accepted client audiences for <paramref name="options"/> (see <see cref="ClientAudiences"/>).</summary>
    public static IReadOnlySet<string> AcceptedAudiences(MandateServerOptions options)
    {
        var issuer = options.IssuerString;
        var issuerUri = new Uri(issuer, UriKind.Absolute);
        return new HashSet<string>(StringComparer.Ordinal)
        {
            issuer,
            issuer + "/",
            issuerUri.Scheme + "://" + issuerUri.Host + ":" + issuerUri.Port + issuerUri.AbsolutePath.TrimEnd('/'),
            options.EndpointUrl(MandateEndpoints.Token),
            options.EndpointUrl(MandateEndpoints.BackchannelAuthentication),
        };
    }

    /// <summary>
    /// RFC 7519 §4.1.4/§4.1.5 on the application's clock: <c>exp</c> not passed (by more than the skew plus
    /// <paramref name="expiryGrace"/>) and <c>nbf</c>, when present, reached (within the skew).
    /// </summary>
    private LifetimeValidator Lifetime(TimeSpan expiryGrace) => (notBefore, expires, _, parameters) =>
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The token has no exp.");
        }

        if (exp + expiryGrace <= now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = exp };
        }

        if (notBefore is { } nbf && nbf > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        }

        return true;
    };

    /// <summary>Validation parameters made for one client, key and algorithm.</summary>
    private sealed record ClientJwtParameters(string ClientId, string Algorithm, TokenValidationParameters Parameters);
}
