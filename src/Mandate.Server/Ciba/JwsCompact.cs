using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Mandate.Server.Ciba;

/// <summary>Cheap structural checks of a compact JWS before any cryptography ([8725bis] §3.14).</summary>
internal static class JwsCompact
{
    // The base64url alphabet (RFC 4648 §5) and the separator.
    private static readonly SearchValues<char> Base64UrlOrDot =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>Splits a compact JWS into its header and payload JSON; null when the value is not one.</summary>
    public static (JsonElement Header, JsonElement Payload)? TryParse(string value, out bool encrypted)
    {
        encrypted = false;
        if (value.Length is 0 or > 16384 || value.AsSpan().ContainsAnyExcept(Base64UrlOrDot))
        {
            return null;
        }

        var parts = value.Split('.');
        if (parts.Length == 5)
        {
            encrypted = true;
            return null;
        }

        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return null;
        }

        var header = ParseObject(parts[0]);
        var payload = ParseObject(parts[1]);
        return header is { } h && payload is { } p ? (h, p) : null;
    }

    private static JsonElement? ParseObject(string segment)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(segment), new JsonDocumentOptions { MaxDepth = 16 });
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
