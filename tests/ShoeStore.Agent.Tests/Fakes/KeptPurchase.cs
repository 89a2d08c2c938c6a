using Mandate.AI.Approvals;
using ShoeStore.Agent.Tools;

namespace ShoeStore.Agent.Tests.Fakes;

/// <summary>A purchase an earlier run of the assistant kept: approved on the device and redeemed just before that run
/// stopped, so the next run places it once, with the kept token (<see cref="AccessToken"/>) and key (<see cref="IdempotencyKey"/>).</summary>
internal static class KeptPurchase
{
    public const string IdempotencyKey = "kept-idempotency-key";
    public const string AccessToken = "ciba.end.user.payment";
    public const string BindingMessage = "Allow agent to buy Nike Air Zoom Pegasus 41 for $137.03?";

    /// <summary>A store holding the one approved purchase of quote <c>q_1</c>.</summary>
    public static async Task<InMemoryApprovalStore> ApprovedAsync()
    {
        var kept = new InMemoryApprovalStore();
        await kept.SaveAsync(new DurableApproval
        {
            Id = "kept-1",
            ToolName = ToolNames.PurchaseItem,
            Arguments = """{"quoteId":"q_1"}""",
            IdempotencyKey = IdempotencyKey,
            LoginHint = "end.user",
            Scopes = ["payment"],
            BindingMessage = BindingMessage,
            AuthReqId = "req-kept",
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(5),
            Interval = TimeSpan.FromSeconds(5),
            CreatedAt = DateTimeOffset.UtcNow,
            State = DurableApprovalState.Approved,
            AccessToken = AccessToken,
        }, CancellationToken.None);
        return kept;
    }
}
