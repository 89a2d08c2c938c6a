using System.Text.Json;
using Mandate.AI.Authorization;

namespace Mandate.AI.Approvals;

/// <summary>
/// A tool call kept across a restart of the agent that has now ended (<see cref="ApprovalRecovery.ResumeAsync"/>): tell
/// the person. Contains no token and no <c>auth_req_id</c>.
/// </summary>
/// <param name="ToolName">The tool.</param>
/// <param name="Arguments">The call's arguments, a JSON object.</param>
/// <param name="LoginHint">The person who was asked.</param>
/// <param name="BindingMessage">What their device showed, if anything.</param>
/// <param name="Stage">
/// <see cref="ApprovalStage.Approved"/>: the call ran and <paramref name="Result"/> is its result;
/// <see cref="ApprovalStage.Denied"/>, <see cref="ApprovalStage.Expired"/> or <see cref="ApprovalStage.Failed"/>: it did
/// not run and <paramref name="Result"/> is the refusal the model would get (<c>{ error, message }</c>).
/// </param>
/// <param name="Result">The tool's result, or the refusal.</param>
public sealed record ResumedToolCall(
    string ToolName, JsonElement Arguments, string LoginHint, string? BindingMessage, ApprovalStage Stage, JsonElement Result);
