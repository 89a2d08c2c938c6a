using Mandate.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShoeStore.Agent.Tools.Mcp;

namespace ShoeStore.Agent.Chat;

/// <summary>What runs between composing the agent and its first message.</summary>
internal static class AgentStartup
{
    /// <summary>
    /// Gets the composed agent ready for its first message, as both ShoeStore.Agent and the demo start it: the OAuth
    /// settings are read and validated, the tools are connected (<see cref="ConnectToolsAsync"/>), and the chat is
    /// composed, which reads the tool policies. Returns null when the agent can start; otherwise the reason, one line
    /// for the person who started it. <paramref name="oauthHint"/>, when given, follows the OAuth settings' failures on
    /// a line of its own (where the settings come from).
    /// </summary>
    public static async Task<string?> PrepareAsync(IServiceProvider services, string? oauthHint, CancellationToken cancellationToken)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<MandateClientOptions>>().Value;
            await ConnectToolsAsync(services, cancellationToken);
            _ = services.GetRequiredService<ChatSession>();
            return null;
        }
        catch (McpToolsUnavailableException exception)
        {
            return exception.Message;
        }
        catch (OptionsValidationException exception)
        {
            var failures = $"The agent's OAuth settings are incomplete or not valid: {string.Join(" ", exception.Failures)}";
            return oauthHint is null ? failures : failures + "\n" + oauthHint;
        }
        catch (InvalidOperationException exception)
        {
            return "The tool policies are not valid: " + exception.Message;
        }
    }

    /// <summary>
    /// With <c>--tools mcp</c>, connects to the store's MCP server and lists its tools, so that the chat offers them and
    /// their published access joins the tool policies (before those are first read). Nothing with local tools.
    /// </summary>
    /// <exception cref="McpToolsUnavailableException">The MCP server could not be used; the message says what to check.</exception>
    public static async Task ConnectToolsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<McpStoreTools>() is { } mcp)
        {
            await mcp.ConnectAsync(cancellationToken);
        }
    }
}
