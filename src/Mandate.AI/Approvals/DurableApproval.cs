using Mandate.AI.Authorization;

namespace Mandate.AI.Approvals;

/// <summary>
/// A tool call waiting for the person's approval, kept in an <see cref="IApprovalStore"/> so that it survives a restart
/// of the agent: the call (tool and arguments) and its idempotency key, the pending CIBA request (CIBA Core §7.3), and
/// then its progress. A token is kept only between its redemption and the end of the call
/// (<see cref="DurableApprovalState.Approved"/>). <see cref="ToString"/> leaves out every secret and the arguments.
/// </summary>
public sealed record DurableApproval
{
    /// <summary>The approval's own id (not the <c>auth_req_id</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The tool the call is for.</summary>
    public required string ToolName { get; init; }

    /// <summary>The call's arguments, a JSON object.</summary>
    public required string Arguments { get; init; }

    /// <summary>
    /// The call's idempotency key: the same on every run of the call, so that the resource server does what it asks once
    /// (draft-ietf-httpapi-idempotency-key-header), e.g. when the agent stopped after the call but before it recorded that.
    /// </summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The person who was asked (CIBA Core §7.1 <c>login_hint</c>): whom to tell about the outcome.</summary>
    public required string LoginHint { get; init; }

    /// <summary>The scopes asked for.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>The message the person's device showed (CIBA Core §7.1 <c>binding_message</c>), if any.</summary>
    public string? BindingMessage { get; init; }

    /// <summary>The server's <c>auth_req_id</c> (CIBA Core §7.3), once acknowledged (null while <see cref="DurableApprovalState.Requesting"/>). A bearer secret.</summary>
    public string? AuthReqId { get; init; }

    /// <summary>In ping mode, the request's <c>client_notification_token</c> (CIBA Core §7.1). A bearer secret.</summary>
    public string? ClientNotificationToken { get; init; }

    /// <summary>When the request expires, once acknowledged.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The polling interval (CIBA Core §7.3), once acknowledged.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>When the request was sent.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Where the approval stands.</summary>
    public DurableApprovalState State { get; init; }

    /// <summary>The access token, in state <see cref="DurableApprovalState.Approved"/> only. Secret.</summary>
    public string? AccessToken { get; init; }

    /// <summary>When <see cref="AccessToken"/> expires, if known.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    /// <summary>The granted scope of <see cref="AccessToken"/>, if the server said.</summary>
    public string? AccessTokenScope { get; init; }

    /// <summary>In state <see cref="DurableApprovalState.Finished"/>: how the approval ended.</summary>
    public ApprovalStage? Outcome { get; init; }

    /// <summary>In state <see cref="DurableApprovalState.Finished"/>: the tool's result (JSON), or the refusal the model would get.</summary>
    public string? Result { get; init; }

    /// <summary>Describes the approval without its secrets and arguments.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() =>
        $"DurableApproval {{ Id = {Id}, ToolName = {ToolName}, State = {State}, Outcome = {Outcome}, ExpiresAt = {ExpiresAt:O} }}";
}
