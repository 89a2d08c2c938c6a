using System.Text.Json;

namespace ShoeStore.Api.Orders;

/// <summary>The approval an order used: the access token's <c>jti</c>, its <c>authorization_details</c> and how the
/// customer approved (<c>amr</c>, RFC 8176).</summary>
internal sealed record ApprovalView(string TokenId, JsonElement? AuthorizationDetails, IReadOnlyList<string>? Amr);
