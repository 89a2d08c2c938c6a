namespace Mandate.Server.Ciba;

/// <summary>Server-side limits applied to signed authentication requests (CIBA §7.1.1, FAPI-CIBA §5.2.2).</summary>
/// <param name="AcceptedAudiences">Values accepted in <c>aud</c>: the issuer (with or without default port) and the endpoint URLs.</param>
/// <param name="ClockSkew">Allowed clock skew.</param>
/// <param name="MaxLifetime">Maximum <c>exp - nbf</c> (<c>exp - iat</c> when there is no <c>nbf</c>).</param>
/// <param name="RequireJtiAndNbf">Whether <c>jti</c> and <c>nbf</c> are required (CIBA §7.1.1, strict); see
/// <see cref="Configuration.MandateCibaOptions.RequireJtiAndNbf"/>.</param>
public sealed record RequestObjectPolicy(IReadOnlySet<string> AcceptedAudiences, TimeSpan ClockSkew, TimeSpan MaxLifetime, bool RequireJtiAndNbf = false);
