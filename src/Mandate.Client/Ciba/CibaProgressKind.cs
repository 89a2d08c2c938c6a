namespace Mandate.Client.Ciba;

/// <summary>Where a CIBA flow stands (CIBA Core §7.3, §11).</summary>
public enum CibaProgressKind
{
    /// <summary>The OP accepted the request: the user is being asked; <see cref="CibaProgress.Deadline"/> is known.</summary>
    Requested,

    /// <summary>A poll answered <c>authorization_pending</c>: still waiting for the user.</summary>
    Pending,

    /// <summary>A poll answered <c>slow_down</c>: the interval grew by 5 seconds for this and every later poll.</summary>
    SlowedDown,

    /// <summary>The user approved and the token was issued.</summary>
    Approved,

    /// <summary>The user denied the request (<c>access_denied</c>).</summary>
    Denied,

    /// <summary>The request expired before the user decided (<c>expired_token</c> or the client's deadline).</summary>
    Expired,
}
