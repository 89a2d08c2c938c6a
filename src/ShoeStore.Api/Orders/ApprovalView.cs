using System.Text.Json;

namespace ShoeStore.Api.Orders;

/// <summary>The approval an order used: the access token's <c>jti</c> and its <c>authorization_details</c>.</summary>
internal sealed record ApprovalView(string TokenId, JsonElement? AuthorizationDetails);
