using Microsoft.Extensions.Logging;

namespace Mandate.AI.Authorization;

/// <summary>Tool authorization's log messages. No token, user name, binding message or error description of a user's request is logged.</summary>
internal static partial class AuthorizationLog
{
    [LoggerMessage(1, LogLevel.Warning, "Tool '{Tool}' has no authorization policy; the call was refused.")]
    public static partial void NoPolicy(ILogger logger, string tool);

    [LoggerMessage(2, LogLevel.Warning, "Tool '{Tool}': the agent's token request failed with '{Error}': {Description}")]
    public static partial void ClientTokenFailed(ILogger logger, string tool, string error, string? description);

    [LoggerMessage(3, LogLevel.Information, "Tool '{Tool}': asking the user to approve scopes '{Scopes}'.")]
    public static partial void ApprovalRequested(ILogger logger, string tool, string scopes);

    [LoggerMessage(4, LogLevel.Information, "Tool '{Tool}': the approval ended as {Stage} ({Error}).")]
    public static partial void ApprovalFinished(ILogger logger, string tool, ApprovalStage stage, string? error);

    [LoggerMessage(5, LogLevel.Debug, "Tool '{Tool}': a cached user token was reused.")]
    public static partial void CachedUserToken(ILogger logger, string tool);

    [LoggerMessage(6, LogLevel.Error, "Tool '{Tool}': the token source failed.")]
    public static partial void TokenSourceFailed(ILogger logger, string tool, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "The approval progress observer failed.")]
    public static partial void ProgressObserverFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Tool '{Tool}' returned a result that contained its access token; the result was withheld from the model.")]
    public static partial void ResultWithheld(ILogger logger, string tool);

    [LoggerMessage(9, LogLevel.Information, "Tool '{Tool}': the arguments were refused by the policy.")]
    public static partial void ArgumentsRefused(ILogger logger, string tool);

    [LoggerMessage(10, LogLevel.Warning, "Tool '{Tool}' needs a user, but none is known; the call was refused.")]
    public static partial void NoUser(ILogger logger, string tool);

    [LoggerMessage(11, LogLevel.Information, "Tool '{Tool}': the resource server asked for more scope (insufficient_scope); asking the user to approve scopes '{Scopes}'.")]
    public static partial void SteppingUp(ILogger logger, string tool, string scopes);

    [LoggerMessage(12, LogLevel.Warning, "Tool '{Tool}': the resource server refused the call again after the step-up (insufficient_scope); it is not retried.")]
    public static partial void StillInsufficient(ILogger logger, string tool);
}
