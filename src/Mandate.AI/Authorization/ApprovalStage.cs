namespace Mandate.AI.Authorization;

/// <summary>Where a user approval (a CIBA request, CIBA Core §7–§11) stands, for the UI.</summary>
public enum ApprovalStage
{
    /// <summary>The backchannel authentication request is being sent (CIBA Core §7.1).</summary>
    Requesting,

    /// <summary>The request was acknowledged (CIBA Core §7.3); the user is asked on their device until it expires.</summary>
    Waiting,

    /// <summary>The user approved; the token was issued (CIBA Core §10.1.1).</summary>
    Approved,

    /// <summary>The user declined (<c>access_denied</c>, CIBA Core §11).</summary>
    Denied,

    /// <summary>The request expired before the user decided (<c>expired_token</c>, CIBA Core §11), or the agent stopped waiting.</summary>
    Expired,

    /// <summary>The agent's user cancelled the wait.</summary>
    Cancelled,

    /// <summary>The request failed for another reason (an OAuth error or an unreachable server).</summary>
    Failed,
}
