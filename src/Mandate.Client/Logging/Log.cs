using Microsoft.Extensions.Logging;

namespace Mandate.Client.Logging;

/// <summary>
/// Every log message of the client. None carries a secret, an assertion, a request object, a token, an
/// <c>auth_req_id</c>, a login hint or a binding message.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "{Endpoint} attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms.")]
    public static partial void Retrying(ILogger logger, string endpoint, int attempt, string reason, long delayMs);

    [LoggerMessage(1002, LogLevel.Debug, "Client Credentials token for scope '{Scope}' served from the cache.")]
    public static partial void CacheHit(ILogger logger, string scope);

    [LoggerMessage(1003, LogLevel.Debug, "Requesting a Client Credentials token for scope '{Scope}'.")]
    public static partial void RequestingClientCredentials(ILogger logger, string scope);

    [LoggerMessage(1004, LogLevel.Information, "Client Credentials token request failed: {Error}.")]
    public static partial void ClientCredentialsFailed(ILogger logger, string error);

    [LoggerMessage(1005, LogLevel.Debug, "Fetched the discovery document of {Issuer}.")]
    public static partial void DiscoveryFetched(ILogger logger, string issuer);

    [LoggerMessage(2001, LogLevel.Information, "CIBA request accepted ({Mode} mode): expires in {ExpiresInSeconds} s, interval {IntervalSeconds} s.")]
    public static partial void CibaRequested(ILogger logger, string mode, double expiresInSeconds, double intervalSeconds);

    [LoggerMessage(2002, LogLevel.Information, "CIBA request refused by the backchannel endpoint: {Error}.")]
    public static partial void CibaRefused(ILogger logger, string error);

    [LoggerMessage(2003, LogLevel.Debug, "CIBA poll {Poll} answered {Answer}.")]
    public static partial void CibaPolled(ILogger logger, int poll, string answer);

    [LoggerMessage(2004, LogLevel.Information, "CIBA slow_down: the polling interval is now {IntervalSeconds} s.")]
    public static partial void CibaSlowedDown(ILogger logger, double intervalSeconds);

    [LoggerMessage(2005, LogLevel.Information, "CIBA request ended: {Outcome}.")]
    public static partial void CibaEnded(ILogger logger, string outcome);

    [LoggerMessage(3001, LogLevel.Debug, "CIBA ping accepted.")]
    public static partial void PingAccepted(ILogger logger);

    [LoggerMessage(3002, LogLevel.Warning, "CIBA ping rejected with {Status}: {Reason}.")]
    public static partial void PingRejected(ILogger logger, int status, string reason);
}
