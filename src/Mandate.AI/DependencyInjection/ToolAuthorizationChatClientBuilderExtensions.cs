using Mandate.AI.Authorization;
using Mandate.AI.Functions;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.AI;

/// <summary>Adds tool authorization to a chat pipeline.</summary>
public static class ToolAuthorizationChatClientBuilderExtensions
{
    /// <summary>
    /// Puts the tools of every request under tool authorization (<see cref="ToolAuthorizingChatClient"/>). Call it
    /// before <c>UseFunctionInvocation()</c>: <c>builder.UseToolAuthorization().UseFunctionInvocation()</c>.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="authorizer">The authorizer; null to resolve it from the services (<c>AddToolAuthorization</c>).</param>
    /// <returns>The builder.</returns>
    public static ChatClientBuilder UseToolAuthorization(this ChatClientBuilder builder, ToolAuthorizer? authorizer = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
            new ToolAuthorizingChatClient(inner, authorizer ?? services.GetRequiredService<ToolAuthorizer>()));
    }
}
