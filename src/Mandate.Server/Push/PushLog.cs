using Microsoft.Extensions.Logging;

namespace Mandate.Server.Push;

/// <summary>Log messages of Web Push. They name the CIBA request and the device (the subscription's id), never the
/// push endpoint (a capability URL: whoever has it, with the keys, can push to the device), the payload or the keys.</summary>
internal static partial class PushLog
{
    [LoggerMessage(60, LogLevel.Warning, "Push queue full: no push for CIBA request {RequestId}.")]
    public static partial void QueueFull(ILogger logger, string requestId);

    [LoggerMessage(61, LogLevel.Information, "Push for CIBA request {RequestId} accepted by the push service of device {SubscriptionId} (attempt {Attempt}).")]
    public static partial void Delivered(ILogger logger, string requestId, string subscriptionId, int attempt);

    [LoggerMessage(62, LogLevel.Information, "Push device {SubscriptionId} is gone ({Reason}): removed.")]
    public static partial void Gone(ILogger logger, string subscriptionId, string reason);

    [LoggerMessage(63, LogLevel.Warning, "Push for CIBA request {RequestId} to device {SubscriptionId} failed ({Reason}, attempt {Attempt}); trying again in {DelayMs} ms.")]
    public static partial void Retrying(ILogger logger, string requestId, string subscriptionId, string reason, int attempt, long delayMs);

    [LoggerMessage(64, LogLevel.Warning, "Push for CIBA request {RequestId} to device {SubscriptionId} given up ({Reason}, attempt {Attempt}).")]
    public static partial void GaveUp(ILogger logger, string requestId, string subscriptionId, string reason, int attempt);

    [LoggerMessage(65, LogLevel.Warning, "Push device {SubscriptionId} skipped: its endpoint is no longer on an allowed push service (Mandate:Push:AllowedEndpoints).")]
    public static partial void NotAllowed(ILogger logger, string subscriptionId);

    [LoggerMessage(66, LogLevel.Warning, "Push for CIBA request {RequestId} failed: {Reason}.")]
    public static partial void NoticeFailed(ILogger logger, string requestId, string reason);
}
