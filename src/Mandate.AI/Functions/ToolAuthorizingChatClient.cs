using System.Runtime.CompilerServices;
using Mandate.AI.Authorization;
using Microsoft.Extensions.AI;

namespace Mandate.AI.Functions;

/// <summary>
/// A chat-client decorator that puts every <see cref="AIFunction"/> of <see cref="ChatOptions.Tools"/> under tool
/// authorization (<see cref="AuthorizedAIFunction"/>) before the request goes further down the pipeline. Place it
/// before (outside) the function-invoking client, so that the functions that client invokes are the authorized
/// ones: <c>builder.UseToolAuthorization().UseFunctionInvocation()</c>. The main loop then knows nothing about OAuth.
/// A tool marked for approval in the chat (<see cref="ApprovalRequiredAIFunction"/>) whose policy asks the person on
/// their device is asked once, on the device (<see cref="DeviceApprovedAIFunction"/>).
/// </summary>
public sealed class ToolAuthorizingChatClient : DelegatingChatClient
{
    private readonly ToolAuthorizer _authorizer;
    private readonly ConditionalWeakTable<AIFunction, AuthorizedAIFunction> _wrapped = [];

    /// <summary>Creates the decorator.</summary>
    /// <param name="innerClient">The rest of the pipeline (normally a function-invoking client).</param>
    /// <param name="authorizer">Decides and gets tokens.</param>
    public ToolAuthorizingChatClient(IChatClient innerClient, ToolAuthorizer authorizer)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        _authorizer = authorizer;
    }

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Authorize(options), cancellationToken);

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Authorize(options), cancellationToken);

    private ChatOptions? Authorize(ChatOptions? options)
    {
        if (options?.Tools is not { Count: > 0 } tools || tools.All(t => t is not AIFunction || t is AuthorizedAIFunction))
        {
            return options;
        }

        var authorized = options.Clone();
        authorized.Tools = [.. tools.Select(tool => tool is AIFunction function and not AuthorizedAIFunction
            ? _wrapped.GetValue(function, f => new AuthorizedAIFunction(AskedOnce(f), _authorizer))
            : tool)];
        return authorized;
    }

    /// <summary>A tool that would ask in the chat and on the device asks on the device only (<see cref="DeviceApprovedAIFunction"/>).</summary>
    private AIFunction AskedOnce(AIFunction function) =>
        function.GetService<ApprovalRequiredAIFunction>() is not null
        && _authorizer.FindPolicy(function.Name)?.Kind == Policies.ToolAuthorizationKind.OnBehalfOfUser
            ? new DeviceApprovedAIFunction(function)
            : function;
}
