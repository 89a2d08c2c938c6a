using Microsoft.Extensions.Logging;

namespace Mandate.AI.Approvals;

/// <summary>The log messages of kept approvals. No token, <c>auth_req_id</c>, argument or result is logged.</summary>
internal static partial class ApprovalLog
{
    [LoggerMessage(101, LogLevel.Warning, "Tool '{Tool}': a kept approval could not be resumed now; it is tried again at the next start.")]
    public static partial void ResumeFailed(ILogger logger, string tool, Exception exception);

    [LoggerMessage(102, LogLevel.Warning, "Tool '{Tool}': the call approved while the agent was down failed.")]
    public static partial void ResumedCallFailed(ILogger logger, string tool, Exception exception);
}
