using Microsoft.AspNetCore.Authorization;

namespace ShoeStore.Api.Security;

/// <summary>The per-endpoint authorization policies.</summary>
internal static class StorePolicies
{
    /// <summary>GET /deals: scope <c>prices</c>; the agent's own client-credentials token is enough.</summary>
    public const string ReadDeals = nameof(ReadDeals);

    /// <summary>/quotes: scope <c>address</c>, for a customer who approved.</summary>
    public const string Quote = nameof(Quote);

    /// <summary>/orders: scope <c>payment</c>, for a customer who approved.</summary>
    public const string Order = nameof(Order);

    /// <summary>
    /// /mcp: a valid token for the MCP resource, and for a <c>tools/call</c> the tool's own scope
    /// (<see cref="Mcp.McpToolAccessHandler"/>).
    /// </summary>
    public const string Mcp = nameof(Mcp);

    public static void Add(AuthorizationBuilder authorization)
    {
        authorization.AddPolicy(Mcp, policy => policy.RequireAuthenticatedUser().AddRequirements(new Api.Mcp.McpToolAccessRequirement()));
        Add(authorization, ReadDeals, new StoreAccessRule(StoreScopes.Prices, RequiresUser: false));
        Add(authorization, Quote, new StoreAccessRule(StoreScopes.Address, RequiresUser: true));
        Add(authorization, Order, new StoreAccessRule(StoreScopes.Payment, RequiresUser: true));
    }

    private static void Add(AuthorizationBuilder authorization, string name, StoreAccessRule rule) =>
        authorization.AddPolicy(name, policy => policy.RequireAuthenticatedUser().AddRequirements(new StoreAccessRequirement(rule)));
}
