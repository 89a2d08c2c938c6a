namespace Mandate.Server.Ciba;

/// <summary>The successful authentication request acknowledgement (CIBA §7.3).</summary>
/// <param name="AuthReqId">The <c>auth_req_id</c>: only its hash is stored.</param>
/// <param name="ExpiresIn">Its lifetime in seconds.</param>
/// <param name="Interval">The minimum seconds between polls.</param>
internal sealed record BackchannelAcknowledgement(string AuthReqId, int ExpiresIn, int Interval);
