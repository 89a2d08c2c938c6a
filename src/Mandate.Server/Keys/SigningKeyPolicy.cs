namespace Mandate.Server.Keys;

/// <summary>
/// When signing keys rotate (configuration <c>Mandate:SigningKey…</c>).
/// </summary>
/// <param name="RotationPeriod">How long a key signs before the next one takes over; null turns automatic rotation off
/// (<c>keys rotate</c> still works).</param>
/// <param name="PublishAhead">How long a new key is published in the JWKS before it signs, so that relying parties
/// that cache the key set (JwtBearer refreshes it every 12 hours by default) know it before they meet it.</param>
/// <param name="RetainFor">How long a replaced key stays published, so that tokens it signed still verify: at least
/// the longest token lifetime, and the <c>id_token_hint</c> grace period.</param>
/// <param name="RefreshInterval">How often every instance re-reads the keys from the database: a key created or
/// activated by one instance reaches the others within this interval.</param>
internal sealed record SigningKeyPolicy(TimeSpan? RotationPeriod, TimeSpan PublishAhead, TimeSpan RetainFor, TimeSpan RefreshInterval);
