namespace Mandate.AI.Tokens;

/// <summary>The answer to a user approval request: acknowledged and pending (CIBA Core §7.3), or refused with an OAuth error (§13).</summary>
public sealed class UserApprovalRequestResult
{
    private UserApprovalRequestResult(PendingUserApproval? pending, string? error, string? errorDescription)
    {
        Pending = pending;
        Error = error;
        ErrorDescription = errorDescription;
    }

    /// <summary>The pending approval; null when refused.</summary>
    public PendingUserApproval? Pending { get; }

    /// <summary>The OAuth error code (e.g. <c>unknown_user_id</c>, <c>invalid_scope</c>); null when pending.</summary>
    public string? Error { get; }

    /// <summary>The server's <c>error_description</c>, if any. It is never shown to the model.</summary>
    public string? ErrorDescription { get; }

    /// <summary>An acknowledged request.</summary>
    /// <param name="pending">The pending approval.</param>
    /// <returns>The result.</returns>
    public static UserApprovalRequestResult Success(PendingUserApproval pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return new UserApprovalRequestResult(pending, null, null);
    }

    /// <summary>A refused request.</summary>
    /// <param name="error">The OAuth error code.</param>
    /// <param name="errorDescription">The server's description, if any.</param>
    /// <returns>The result.</returns>
    public static UserApprovalRequestResult Failure(string error, string? errorDescription = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new UserApprovalRequestResult(null, error, errorDescription);
    }
}
