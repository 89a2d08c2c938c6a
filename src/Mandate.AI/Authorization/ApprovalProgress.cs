namespace Mandate.AI.Authorization;

/// <summary>
/// A change in a user approval, for the UI: "approve on your device", the binding message the device shows
/// (CIBA Core §7.1), and how long is left. Calls that share one pending approval produce one series of reports.
/// Contains no token and no <c>auth_req_id</c>.
/// </summary>
/// <param name="ApprovalId">Identifies the approval across its reports (not the <c>auth_req_id</c>).</param>
/// <param name="ToolName">The tool whose call started the approval.</param>
/// <param name="Stage">Where the approval stands.</param>
/// <param name="BindingMessage">The message shown on the user's device, if any.</param>
/// <param name="Scopes">The scopes asked for.</param>
/// <param name="ExpiresAt">When the request expires, once the server has said (stage <see cref="ApprovalStage.Waiting"/> and later).</param>
public sealed record ApprovalProgress(
    string ApprovalId, string ToolName, ApprovalStage Stage, string? BindingMessage, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt)
{
    /// <summary>Whether the approval has ended (approved, denied, expired, cancelled or failed).</summary>
    public bool IsFinished => Stage is not (ApprovalStage.Requesting or ApprovalStage.Waiting);

    /// <summary>The time left to decide at <paramref name="now"/>; null before the server has said, zero once past.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The time left.</returns>
    public TimeSpan? TimeLeft(DateTimeOffset now) =>
        ExpiresAt is { } expiresAt ? (expiresAt > now ? expiresAt - now : TimeSpan.Zero) : null;
}
