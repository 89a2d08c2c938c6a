using Microsoft.Extensions.Logging;

namespace ShoeStore.Agent.Store;

/// <summary>The store client's log messages (no tokens, no bodies).</summary>
internal static partial class StoreLog
{
    [LoggerMessage(1, LogLevel.Warning, "The store answered {Method} {Path} with {Status} ({Type}).")]
    public static partial void Refused(ILogger logger, string method, string path, int status, string? type);

    [LoggerMessage(2, LogLevel.Warning, "The store could not be reached for {Method} {Path}.")]
    public static partial void Unreachable(ILogger logger, string method, string path, Exception exception);
}
