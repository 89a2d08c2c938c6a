using Microsoft.Extensions.Configuration;

namespace Mandate.AI.Policies;

/// <summary>
/// Reads tool policies from configuration: one child section per tool, named like the tool. The tutorial's table
/// reads, as JSON:
/// <code>
/// "Tools": {
///   "getProducts":       { "Auth": "none" },
///   "getAvailableDeals": { "Auth": "client_credentials", "Scopes": "prices" },
///   "getTailoredQuote":  { "Auth": "ciba", "Scopes": "address" },
///   "purchaseItem":      { "Auth": "ciba", "Scopes": "payment", "SingleUse": true, "Durable": true }
/// }
/// </code>
/// Keys: <c>Auth</c> (<c>none</c>/<c>public</c>, <c>client_credentials</c>/<c>autonomous</c>,
/// <c>ciba</c>/<c>on_behalf_of</c>), <c>Scopes</c> (space-separated, or an array), <c>Resource</c>,
/// <c>BindingMessage</c> (a template, see <see cref="BindingMessage.Format"/>), <c>DeniedMessage</c>,
/// <c>SingleUse</c>, <c>Durable</c>. Anything else is a configuration error, reported with the fix.
/// </summary>
internal static class ToolPolicyConfiguration
{
    private static readonly string[] KnownKeys = ["Auth", "Scopes", "Scope", "Resource", "BindingMessage", "DeniedMessage", "SingleUse", "Durable"];

    /// <summary>
    /// Adds or updates the policies in <paramref name="policies"/> from <paramref name="section"/>. Values set in code
    /// that the configuration does not mention (builders) are kept.
    /// </summary>
    /// <param name="section">The section whose children are tools.</param>
    /// <param name="policies">The policies by tool name.</param>
    /// <exception cref="InvalidOperationException">A value is not valid; the message says how to fix it.</exception>
    public static void Apply(IConfiguration section, IDictionary<string, ToolPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(policies);
        foreach (var tool in section.GetChildren())
        {
            if (!policies.TryGetValue(tool.Key, out var policy))
            {
                policy = new ToolPolicy();
                policies[tool.Key] = policy;
            }

            Apply(tool, policy);
            policy.Validate(tool.Key);
        }
    }

    private static void Apply(IConfigurationSection tool, ToolPolicy policy)
    {
        foreach (var child in tool.GetChildren())
        {
            if (!KnownKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"Unknown setting '{child.Path}': a tool policy takes {string.Join(", ", KnownKeys.Where(k => k != "Scope"))}.");
            }
        }

        if (tool["Auth"] is { } auth)
        {
            policy.Kind = ParseKind(auth, tool.Path);
        }

        var scopes = tool.GetSection("Scopes").Exists() ? tool.GetSection("Scopes") : tool.GetSection("Scope");
        if (scopes.Exists())
        {
            policy.Scopes.Clear();
            var values = scopes.Value is { } text ? [text] : scopes.GetChildren().Select(c => c.Value ?? "");
            foreach (var scope in values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                policy.Scopes.Add(scope);
            }
        }

        policy.Resource = tool["Resource"] ?? policy.Resource;
        policy.BindingMessage = tool["BindingMessage"] ?? policy.BindingMessage;
        policy.DeniedMessage = tool["DeniedMessage"] ?? policy.DeniedMessage;
        policy.SingleUse = ParseFlag(tool, "SingleUse") ?? policy.SingleUse;
        policy.Durable = ParseFlag(tool, "Durable") ?? policy.Durable;
    }

    private static bool? ParseFlag(IConfigurationSection tool, string key) => tool[key] switch
    {
        null => null,
        var text when bool.TryParse(text, out var value) => value,
        var text => throw new InvalidOperationException($"'{tool.Path}:{key}' must be true or false, not '{text}'."),
    };

    private static ToolAuthorizationKind ParseKind(string value, string path) => value.Trim().ToUpperInvariant() switch
    {
        "NONE" or "PUBLIC" => ToolAuthorizationKind.Public,
        "CLIENT_CREDENTIALS" or "AUTONOMOUS" => ToolAuthorizationKind.Autonomous,
        "CIBA" or "ON_BEHALF_OF" => ToolAuthorizationKind.OnBehalfOfUser,
        _ => throw new InvalidOperationException(
            $"'{path}:Auth' is '{value}': use none (public), client_credentials (the agent on its own) or ciba (on behalf of the user)."),
    };
}
