using System.Text.Json;

namespace ShoeStore.Api.Orders;

/// <summary>The approval an order used: the access token's <c>jti</c>, its <c>authorization_details</c>, and how the
/// customer approved (RFC 8176 <c>amr</c>, e.g. <c>["pop","user"]</c> after a passkey, <c>["pwd"]</c> after a click).</summary>
internal sealed record ApprovalView(string TokenId, JsonElement? AuthorizationDetails, IReadOnlyList<string> Amr);
