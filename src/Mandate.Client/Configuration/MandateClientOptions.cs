using System.Diagnostics;

namespace Mandate.Client.Configuration;

/// <summary>
/// Settings of the agent's OAuth client: where the authorization server is, who the agent is, and how it
/// authenticates. Bind them from configuration with <see cref="PingOneEnvironment.Apply"/> (the tutorial's
/// <c>PINGONE_*</c> variables) and the <see cref="SectionName"/> section, or set them in code.
/// </summary>
/// <remarks>
/// Either <see cref="TokenEndpoint"/> (and, for CIBA, <see cref="BackchannelAuthenticationEndpoint"/>) or
/// <see cref="Issuer"/> (OpenID Connect Discovery 1.0 §4) must be set; explicit endpoints win over discovered ones.
/// <see cref="ToString"/> never shows <see cref="ClientSecret"/> or <see cref="SigningJwk"/>.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class MandateClientOptions
{
    /// <summary>The configuration section bound by <c>AddMandateClient(configuration)</c>: <c>Mandate:Client</c>.</summary>
    public const string SectionName = "Mandate:Client";

    /// <summary>
    /// OPTIONAL. The authorization server's issuer identifier. When set, endpoints that are not configured are read from
    /// <c>{issuer}/.well-known/openid-configuration</c> (OpenID Connect Discovery 1.0 §4), and the issuer is the default
    /// <c>aud</c> of request objects (CIBA Core §7.1.1).
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>The token endpoint (RFC 6749 §3.2). Variable <c>PINGONE_TOKEN_ENDPOINT</c>.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>The backchannel authentication endpoint (CIBA Core §7). Variable <c>PINGONE_CIBA_ENDPOINT</c>.</summary>
    public string? BackchannelAuthenticationEndpoint { get; set; }

    /// <summary>REQUIRED. The agent's client identifier (RFC 6749 §2.2). Variable <c>PINGONE_CLIENT_ID</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The client secret for <c>client_secret_basic</c> and <c>client_secret_post</c> (RFC 6749 §2.3.1).
    /// Variable <c>PINGONE_CLIENT_SECRET</c>. Never logged or shown.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// OPTIONAL. How the client authenticates at the token and backchannel endpoints (RFC 7591 §2 names):
    /// <c>client_secret_basic</c>, <c>client_secret_post</c> or <c>private_key_jwt</c> (RFC 7523 §2.2), see
    /// <see cref="TokenEndpointAuthMethods"/>. Default: <c>client_secret_basic</c> when a secret is set, else
    /// <c>private_key_jwt</c>.
    /// </summary>
    public string? TokenEndpointAuthMethod { get; set; }

    /// <summary>
    /// The agent's private signing key as a JSON Web Key (RFC 7517): an EC P-256 key signs with ES256, an RSA key with
    /// PS256 (or RS256 when the JWK's <c>alg</c> says so). It signs CIBA request objects (CIBA Core §7.1.1) and
    /// <c>private_key_jwt</c> assertions. Variable <c>PINGONE_CIBA_JWK</c>; surrounding single or double quotes (as in
    /// a <c>.env</c> file) are removed. Never logged or shown.
    /// </summary>
    public string? SigningJwk { get; set; }

    /// <summary>
    /// The <c>aud</c> of request objects: the OP's issuer identifier (CIBA Core §7.1.1). Variable
    /// <c>PINGONE_CIBA_AUDIENCE</c>. Default: <see cref="Issuer"/>.
    /// </summary>
    public string? RequestObjectAudience { get; set; }

    /// <summary>
    /// The <c>iss</c> of request objects, which CIBA Core §7.1.1 requires to be the client id. Variable
    /// <c>PINGONE_CIBA_ISSUER</c>. Default: <see cref="ClientId"/>; any other value is a configuration error.
    /// </summary>
    public string? RequestObjectIssuer { get; set; }

    /// <summary>
    /// OPTIONAL. Default <c>acr_values</c> of CIBA requests (CIBA Core §7.1), e.g. <c>push</c>. Variable
    /// <c>PINGONE_CIBA_ACR_VALUES</c>. A request's own value wins.
    /// </summary>
    public string? AcrValues { get; set; }

    /// <summary>
    /// The registered token delivery mode (CIBA Core §4, §5): <c>poll</c> (default) or <c>ping</c>, see
    /// <see cref="BackchannelTokenDeliveryModes"/>. In ping mode every request carries a fresh
    /// <c>client_notification_token</c> and the host maps the notification endpoint with
    /// <c>MapCibaNotifications</c>; polling at the interval remains the fallback.
    /// </summary>
    public string BackchannelTokenDeliveryMode { get; set; } = BackchannelTokenDeliveryModes.Poll;

    /// <summary>Lifetime of a signed request object (<c>exp - iat</c>): default 5 minutes, at most 10 minutes.</summary>
    public TimeSpan RequestObjectLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of a <c>private_key_jwt</c> client assertion (RFC 7523 §3): default 60 seconds, at most 5 minutes.</summary>
    public TimeSpan ClientAssertionLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A cached Client Credentials token is renewed this long before it expires (<c>expires_in</c> minus this skew):
    /// default 60 seconds.
    /// </summary>
    public TimeSpan TokenExpirySkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time-out of one HTTP attempt, including reading the answer: default 30 seconds;
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns it off.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a token request, a poll or a discovery request is retried after a transient failure (network error,
    /// time-out, 408, 429, 5xx): default 3. A backchannel authentication request is never retried: it would notify the
    /// person twice.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay; it doubles on each retry: default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before a retry, also the cap on a server's <c>Retry-After</c>: default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a discovery document is reused: default 1 hour.</summary>
    public TimeSpan DiscoveryCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Require <c>https</c> endpoints (CIBA Core §7 and RFC 6749 §3.2 require TLS); loopback hosts
    /// (127.0.0.1, ::1, localhost) may use <c>http</c> for local development. Default true.
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Shows the settings without the client secret and the signing key.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() =>
        $"MandateClientOptions {{ Issuer = {Issuer}, TokenEndpoint = {TokenEndpoint}, " +
        $"BackchannelAuthenticationEndpoint = {BackchannelAuthenticationEndpoint}, ClientId = {ClientId}, " +
        $"TokenEndpointAuthMethod = {TokenEndpointAuthMethod}, ClientSecret = {(ClientSecret is null ? "unset" : "[redacted]")}, " +
        $"SigningJwk = {(SigningJwk is null ? "unset" : "[redacted]")}, BackchannelTokenDeliveryMode = {BackchannelTokenDeliveryMode} }}";
}
