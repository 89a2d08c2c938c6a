namespace Mandate.Client.Ciba;

/// <summary>What a request object takes from the configuration rather than from the request.</summary>
/// <param name="ClientId">The <c>iss</c>: the client id (CIBA Core §7.1.1).</param>
/// <param name="Audience">The <c>aud</c>: the OP's issuer identifier.</param>
/// <param name="Lifetime"><c>exp - iat</c>, at most 10 minutes.</param>
/// <param name="DefaultAcrValues">The <c>acr_values</c> used when the request has none.</param>
internal readonly record struct RequestObjectSettings(string ClientId, string Audience, TimeSpan Lifetime, string? DefaultAcrValues);
