using System.Text.Json;

namespace Mandate.Testing;

/// <summary>A request as the person saw it on their device (the server's device API, docs/device.md).</summary>
public sealed class ShownRequest
{
    internal ShownRequest(JsonElement request)
    {
        ClientName = request.GetProperty("client_name").GetString() ?? "";
        BindingMessage = request.GetProperty("binding_message").GetString();
        Scopes = [.. request.GetProperty("scopes").EnumerateArray().Select(s => s.GetString() ?? "")];
        AuthorizationDetails = request.GetProperty("authorization_details") is { ValueKind: JsonValueKind.Array } details
            ? details.Clone()
            : null;
    }

    /// <summary>The name the client is shown under.</summary>
    public string ClientName { get; }

    /// <summary>The binding message the agent sent, or null.</summary>
    public string? BindingMessage { get; }

    /// <summary>The scopes the person is asked for.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The RFC 9396 <c>authorization_details</c> array (as the server stored it), or null.</summary>
    public JsonElement? AuthorizationDetails { get; }
}
