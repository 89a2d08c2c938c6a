namespace Mandate.Client.Ciba;

/// <summary>The successful backchannel authentication response (CIBA Core §7.3).</summary>
/// <param name="AuthReqId">REQUIRED. The opaque <c>auth_req_id</c>.</param>
/// <param name="ExpiresIn">REQUIRED. Lifetime of the request, from when the OP received it.</param>
/// <param name="Interval">OPTIONAL. Minimum wait between polls; null when the OP sent none (the client then uses 5 s).</param>
internal sealed record BackchannelAuthenticationResponse(string AuthReqId, TimeSpan ExpiresIn, TimeSpan? Interval);
