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

    public static void Add(AuthorizationBuilder authorization)
    {
        Add(authorization, ReadDeals, new StoreAccessRule(StoreScopes.Prices, RequiresUser: false));
        Add(authorization, Quote, new StoreAccessRule(StoreScopes.Address, RequiresUser: true));
        Add(authorization, Order, new StoreAccessRule(StoreScopes.Payment, RequiresUser: true));
    }

    private static void Add(AuthorizationBuilder authorization, string name, StoreAccessRule rule) =>
        authorization.AddPolicy(name, policy => policy.RequireAuthenticatedUser().AddRequirements(new StoreAccessRequirement(rule)));
}
