namespace Mandate.AI.Authorization;

/// <summary>
/// The <c>error</c> codes of the results a refused tool call returns to the model. The OAuth codes are the
/// server's (RFC 6749 §5.2, CIBA Core §11 and §13); the others are Mandate.AI's own.
/// </summary>
public static class ToolAuthorizationErrors
{
    /// <summary>CIBA Core §11: the user declined.</summary>
    public const string AccessDenied = "access_denied";

    /// <summary>CIBA Core §11: the approval request expired, or the agent's own deadline passed.</summary>
    public const string ExpiredToken = "expired_token";

    /// <summary>The arguments cannot be authorized (a policy builder refused them), as RFC 6749 §5.2's code.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>No user is known for an on-behalf-of tool (the name OpenID Connect Core §3.1.2.6 uses).</summary>
    public const string LoginRequired = "login_required";

    /// <summary>CIBA Core §13: the authorization server does not know the user.</summary>
    public const string UnknownUserId = "unknown_user_id";

    /// <summary>
    /// RFC 6750 §3.1: the resource server refused the call for lack of scope, and the one step-up to the user's approval
    /// (MCP authorization 2025-11-25, "Scope Challenge Handling") did not help; the call is not retried again.
    /// </summary>
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>The tool has no policy, so it is not run.</summary>
    public const string ToolNotAuthorized = "tool_not_authorized";

    /// <summary>The authorization server could not be reached or failed (RFC 6749 §4.1.2.1's code).</summary>
    public const string TemporarilyUnavailable = "temporarily_unavailable";

    /// <summary>The tool's result contained its access token and was withheld from the model.</summary>
    public const string ResultWithheld = "result_withheld";
}
