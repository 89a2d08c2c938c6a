namespace Mandate.AI.Approvals;

/// <summary>Where a kept approval stands (<see cref="DurableApproval"/>).</summary>
public enum DurableApprovalState
{
    /// <summary>The server acknowledged the request (CIBA Core §7.3); the person has not answered, or the agent has not heard.</summary>
    Waiting,

    /// <summary>The person approved and the token was redeemed; the tool call has not been completed yet. Only now is a token kept.</summary>
    Approved,

    /// <summary>The call ran, or the approval ended without it (denied, expired, failed); what to tell the person is kept, no token.</summary>
    Finished,

    /// <summary>
    /// Kept before the request is sent, so that a stop before the server's acknowledgement is not silent: without an
    /// <c>auth_req_id</c> the wait cannot resume, so after a restart the person is told the request was not completed.
    /// </summary>
    Requesting,
}
