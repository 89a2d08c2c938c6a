namespace Mandate.Server.Data;

/// <summary>States of a CIBA authentication request.</summary>
internal enum BackchannelRequestStatus
{
    /// <summary>Waiting for the user's decision.</summary>
    Pending = 0,

    /// <summary>The user approved; tokens not yet issued.</summary>
    Approved = 1,

    /// <summary>The user denied.</summary>
    Denied = 2,

    /// <summary>Tokens were issued; the <c>auth_req_id</c> is no longer valid (CIBA §10.1.1).</summary>
    Redeemed = 3,
}
