namespace Mandate.Server.Configuration;

/// <summary>Configuration of the authorization server (section <c>Mandate</c>).</summary>
public sealed class MandateServerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Mandate";

    /// <summary>The default issuer, PingOne Advanced Identity Cloud's path layout on the loopback host.</summary>
    public const string DefaultIssuer = "http://127.0.0.1:5100/am/oauth2/realms/root/realms/alpha";

    /// <summary>Issuer identifier; the endpoints live under its path.</summary>
    public Uri Issuer { get; set; } = new(DefaultIssuer);

    /// <summary>Folder holding the SQLite database and <c>demo.env</c>.</summary>
    public string DataDirectory { get; set; } = ".mandate";

    /// <summary>
    /// Database connection string (<c>ConnectionStrings:Mandate</c> takes precedence): a SQLite connection string or file
    /// path, or an Npgsql connection string (<c>Host=…</c>) for PostgreSQL; a SQLite file in <see cref="DataDirectory"/>
    /// when empty.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Sqlite</c> or <c>PostgreSql</c>; empty to follow the connection string (<c>Host=</c> or <c>Server=</c>
    /// means PostgreSQL).</summary>
    public string? DatabaseProvider { get; set; }

    /// <summary>
    /// PostgreSQL only: the most database connections this instance opens at once (Npgsql <c>Maximum Pool Size</c>,
    /// default 20; Npgsql's own default is 100). A request that finds them all busy waits for one, up to the connection
    /// string's <c>Timeout</c>. A <c>Maximum Pool Size</c> in the connection string wins over this setting. Size it so
    /// that instances × pool + headroom ≤ the server's <c>max_connections</c> (docs/deploy.md).
    /// </summary>
    public int DatabaseMaxPoolSize { get; set; } = PostgreSqlPoolSize.Default;

    /// <summary>Seed file (clients, users, scopes) imported on every start (<c>--seed FILE</c>, docs/server.md).</summary>
    public string? SeedFile { get; set; }

    /// <summary>
    /// Whether a demo host writes its demo seed and <c>demo.env</c> on the first start (no seed file given, no client
    /// registered). The library has no demo seed of its own, so this does nothing unless the host registers one:
    /// Mandate.Server's own host and ShoeStore.Demo do, and default it to true (docs/server.md). Default false.
    /// </summary>
    public bool SeedDemo { get; set; }

    /// <summary>
    /// Development mode: plain HTTP is accepted and ping callbacks may go to loopback addresses.
    /// Defaults to true only when the issuer itself is a loopback HTTP URL.
    /// </summary>
    public bool? AllowInsecureHttp { get; set; }

    /// <summary>CIBA §7.3 <c>interval</c> in seconds.</summary>
    public int CibaIntervalSeconds { get; set; } = 5;

    /// <summary>CIBA §7.3 <c>expires_in</c> when the client sends no <c>requested_expiry</c>.</summary>
    public int CibaDefaultExpirySeconds { get; set; } = 300;

    /// <summary>Upper bound for <c>requested_expiry</c>.</summary>
    public int CibaMaxExpirySeconds { get; set; } = 1800;

    /// <summary>Maximum <c>exp - nbf</c> of a signed authentication request (FAPI-CIBA §5.2.2 item 9).</summary>
    public int RequestObjectMaxLifetimeSeconds { get; set; } = 3600;

    /// <summary>CIBA settings (<c>Mandate:Ciba:…</c>).</summary>
    public MandateCibaOptions Ciba { get; set; } = new();

    /// <summary>Web Push to the person's devices (<c>Mandate:Push</c>).</summary>
    public MandatePushOptions Push { get; set; } = new();

    /// <summary>The device page's passkeys (<c>Mandate:Device</c>).</summary>
    public MandateDeviceOptions Device { get; set; } = new();

    /// <summary>Spending limits (<c>Mandate:Spending</c>).</summary>
    public MandateSpendingOptions Spending { get; set; } = new();

    /// <summary>Allowed clock skew for JWT time claims.</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>How long after its expiry an <c>id_token_hint</c> is still accepted (CIBA §14).</summary>
    public int IdTokenHintGraceSeconds { get; set; } = 86400;

    /// <summary>Whether CIBA requests must carry the <c>openid</c> scope (CIBA §7.1 leaves the behaviour open).</summary>
    public bool RequireOpenIdScope { get; set; }

    /// <summary>Timeout of one ping callback (CIBA §10.2).</summary>
    public int PingTimeoutSeconds { get; set; } = 5;

    /// <summary>Consecutive failed device sign-ins of one username before it is throttled (no lockout).</summary>
    public int SignInMaxFailures { get; set; } = 5;

    /// <summary>Throttled username: the first wait between attempts; it doubles with each further failure.</summary>
    public int SignInBackoffSeconds { get; set; } = 60;

    /// <summary>Throttled username: the longest wait between attempts.</summary>
    public int SignInMaxBackoffSeconds { get; set; } = 900;

    /// <summary>Unsuccessful sign-in attempts allowed per client address (IPv6: per /64) and minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>A device session unused this long ends (the open page's event stream counts as use).</summary>
    public int DeviceSessionIdleMinutes { get; set; } = 15;

    /// <summary>A device session ends this long after sign-in, however active (12 hours).</summary>
    public int DeviceSessionLifetimeMinutes { get; set; } = 720;

    /// <summary>Days a signing key signs before the next one takes over (automatic rotation); 0 turns it off.</summary>
    public int SigningKeyRotationDays { get; set; } = 90;

    /// <summary>How long a new signing key is published in the JWKS before it signs (JwtBearer re-reads the key set every
    /// 12 hours by default).</summary>
    public int SigningKeyPublishAheadSeconds { get; set; } = 86400;

    /// <summary>How long a replaced signing key stays published: at least the longest token lifetime and
    /// <see cref="IdTokenHintGraceSeconds"/>.</summary>
    public int SigningKeyRetentionSeconds { get; set; } = 172800;

    /// <summary>How often each instance re-reads the keys from the database.</summary>
    public int SigningKeyRefreshSeconds { get; set; } = 60;

    /// <summary>The signing-key rotation settings as one value.</summary>
    internal Keys.SigningKeyPolicy SigningKeyPolicy => new(
        SigningKeyRotationDays > 0 ? TimeSpan.FromDays(SigningKeyRotationDays) : null,
        TimeSpan.FromSeconds(SigningKeyPublishAheadSeconds),
        TimeSpan.FromSeconds(SigningKeyRetentionSeconds),
        TimeSpan.FromSeconds(SigningKeyRefreshSeconds));

    /// <summary>Whether plain HTTP and loopback ping targets are allowed (see <see cref="AllowInsecureHttp"/>).</summary>
    public bool IsDevelopmentTransport =>
        AllowInsecureHttp ?? (Issuer.Scheme == Uri.UriSchemeHttp && Issuer.IsLoopback);

    /// <summary>The issuer without a trailing slash.</summary>
    public string IssuerString => Issuer.AbsoluteUri.TrimEnd('/');

    /// <summary>The path of an endpoint under the issuer, without a leading slash (OpenIddict relative URI).</summary>
    public string EndpointPath(string relative) =>
        (Issuer.AbsolutePath.Trim('/') + "/" + relative.TrimStart('/')).TrimStart('/');

    /// <summary>The absolute URL of an endpoint under the issuer.</summary>
    public string EndpointUrl(string relative) => IssuerString + "/" + relative.TrimStart('/');
}
