using ShoeStore.Api.Security;

namespace ShoeStore.Api.Deals;

/// <summary>GET /deals — the deals active now; scope <c>prices</c>.</summary>
internal static class DealsEndpoints
{
    public static void MapDeals(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/deals", ListAsync).RequireAuthorization(StorePolicies.ReadDeals).WithName("getAvailableDeals");

    private static async Task<IResult> ListAsync(ActiveDeals deals, CancellationToken cancellationToken) =>
        TypedResults.Ok(await deals.ListAsync(cancellationToken));
}
