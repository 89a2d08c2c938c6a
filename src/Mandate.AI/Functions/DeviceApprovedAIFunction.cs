using Microsoft.Extensions.AI;

namespace Mandate.AI.Functions;

/// <summary>
/// A tool that asks for approval in the chat (<see cref="ApprovalRequiredAIFunction"/>) and whose Mandate policy asks
/// the person on their device (<see cref="Policies.ToolAuthorizationKind.OnBehalfOfUser"/>): the person is asked once,
/// on the device, where the approval is signed for what the call does. This wrapper hides the chat approval from the
/// function-invoking client (it answers <see cref="GetService"/> for <see cref="ApprovalRequiredAIFunction"/> with
/// null), so the framework's approval request is not added to Mandate's (docs/agent.md).
/// </summary>
internal sealed class DeviceApprovedAIFunction(AIFunction innerFunction) : DelegatingAIFunction(innerFunction)
{
    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ApprovalRequiredAIFunction) ? null : base.GetService(serviceType, serviceKey);
}
