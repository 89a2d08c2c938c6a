namespace Mandate.AI.Authorization;

/// <summary>A call of a durable tool allowed to run: its kept approval's id and its idempotency key.</summary>
/// <param name="ApprovalId">The <see cref="Approvals.DurableApproval.Id"/>.</param>
/// <param name="IdempotencyKey">The call's idempotency key, the same on every run.</param>
internal sealed record DurableCall(string ApprovalId, string IdempotencyKey);
