namespace Mandate.Server.Ciba;

/// <summary>Server-side limits applied to signed authentication requests (CIBA §7.1.1, FAPI-CIBA §5.2.2).</summary>
/// <param name="AcceptedAudiences">Values accepted in <c>aud</c>: the issuer (with or without default port) and the endpoint URLs.</param>
/// <param name="ClockSkew">Allowed clock skew.</param>
/// <param name="MaxLifetime">Maximum <c>exp - nbf</c>.</param>
public sealed record RequestObjectPolicy(IReadOnlySet<string> AcceptedAudiences, TimeSpan ClockSkew, TimeSpan MaxLifetime);
