namespace Mandate.Server.Ciba;

/// <summary>
/// Server-side limits on signed authentication requests beyond what <see cref="Tokens.JwtValidation"/> checks
/// (CIBA §7.1.1, FAPI-CIBA §5.2.2 item 9).
/// </summary>
/// <param name="MaxLifetime">Maximum <c>exp - nbf</c> (<c>exp - iat</c> when there is no <c>nbf</c>).</param>
/// <param name="RequireJtiAndNbf">Whether <c>jti</c> and <c>nbf</c> are required (CIBA §7.1.1, strict); see
/// <see cref="Configuration.MandateCibaOptions.RequireJtiAndNbf"/>.</param>
internal sealed record RequestObjectPolicy(TimeSpan MaxLifetime, bool RequireJtiAndNbf = false);
