using System.Text.Json;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>A pending request as the device JSON API lists it (docs/device.md).</summary>
internal sealed record DeviceRequest(string Id, string ClientId, string? BindingMessage, IReadOnlyList<string> Scopes, JsonElement? AuthorizationDetails)
{
    public static DeviceRequest From(JsonElement item) => new(
        item.GetProperty("id").GetString()!,
        item.GetProperty("client_id").GetString()!,
        item.TryGetProperty("binding_message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null,
        [.. item.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!)],
        item.TryGetProperty("authorization_details", out var details) && details.ValueKind == JsonValueKind.Array ? details.Clone() : null);
}
