namespace Mandate.Client.Discovery;

/// <summary>The parts of an OpenID Provider's metadata (OpenID Connect Discovery 1.0 §3, CIBA Core §4) this client uses.</summary>
/// <param name="Issuer">REQUIRED. The issuer identifier; it must equal the configured issuer (Discovery §4.3).</param>
/// <param name="TokenEndpoint">The token endpoint.</param>
/// <param name="BackchannelAuthenticationEndpoint">The CIBA backchannel authentication endpoint, when the OP supports CIBA.</param>
/// <param name="BackchannelTokenDeliveryModesSupported">CIBA delivery modes the OP supports.</param>
internal sealed record ProviderMetadata(
    string Issuer,
    Uri TokenEndpoint,
    Uri? BackchannelAuthenticationEndpoint,
    IReadOnlyList<string> BackchannelTokenDeliveryModesSupported);
