using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Mandate.Server.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Ciba;

/// <summary>
/// A compact JWS (RFC 7515 §7.1) read once, before any cryptography: cheap structural checks first ([8725bis]
/// §3.14), then IdentityModel's <see cref="JsonWebToken"/>, which carries the header and is what
/// <see cref="JwtValidation"/> verifies, and the payload as JSON for the claim checks the library cannot express.
/// </summary>
internal sealed class JwsCompact
{
    // The base64url alphabet (RFC 4648 §5) and the separator.
    private static readonly SearchValues<char> Base64UrlOrDot =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private static readonly JsonReaderOptions PayloadOptions = new() { MaxDepth = 16 };

    private JwsCompact(JsonWebToken token, JsonElement payload)
    {
        Token = token;
        Payload = payload;
    }

    /// <summary>The token as IdentityModel read it: its header, and the input to <see cref="JwtValidation.ValidateAsync(JsonWebToken, TokenValidationParameters)"/>.</summary>
    public JsonWebToken Token { get; }

    /// <summary>The payload, a JSON object.</summary>
    public JsonElement Payload { get; }

    /// <summary>Reads a compact JWS; null when the value is not one (<paramref name="encrypted"/> when it is a compact JWE).</summary>
    public static JwsCompact? TryRead(string value, out bool encrypted)
    {
        encrypted = false;
        if (value.Length is 0 or > 16384 || value.AsSpan().ContainsAnyExcept(Base64UrlOrDot))
        {
            return null;
        }

        var dots = value.AsSpan().Count('.');
        if (dots == 4)
        {
            encrypted = true;
            return null;
        }

        var header = value.IndexOf('.');
        var signature = value.LastIndexOf('.');
        if (dots != 2 || header == 0 || signature == header + 1 || signature == value.Length - 1)
        {
            return null;
        }

        try
        {
            var token = JwtValidation.Handler.ReadJsonWebToken(value);
            // The payload is read from the value itself: JsonWebToken.EncodedPayload makes a new string on every call.
            return ReadObject(value.AsSpan(header + 1, signature - header - 1)) is { } payload ? new JwsCompact(token, payload) : null;
        }
        catch (Exception e) when (e is SecurityTokenMalformedException or ArgumentException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The JSON object a base64url segment encodes, or null. The element owns its memory (no pooled
    /// document to dispose or clone).</summary>
    private static JsonElement? ReadObject(ReadOnlySpan<char> segment)
    {
        var reader = new Utf8JsonReader(Base64Url.DecodeFromChars(segment), PayloadOptions);
        var element = JsonElement.ParseValue(ref reader);
        return element.ValueKind == JsonValueKind.Object && !reader.Read() ? element : null;
    }
}
