using System.Globalization;
using System.Text;
using System.Text.Json;
using Mandate.Client.Ciba;
using Mandate.Client.Discovery;

namespace Mandate.Client.Http;

/// <summary>Reads the JSON answers of the token, backchannel and discovery endpoints. Unknown members are ignored (CIBA Core §7.3).</summary>
internal static class OAuthResponseParser
{
    private const int MaxDescriptionLength = 300;

    /// <summary>RFC 6749 §5.1: <c>access_token</c> and <c>token_type</c> are required.</summary>
    public static TokenResponse ParseToken(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        using var document = ParseObject(body, "token response");
        var root = document.RootElement;
        var accessToken = String(root, "access_token");
        if (string.IsNullOrEmpty(accessToken))
        {
            throw new OAuthProtocolException("The token response has no access_token (RFC 6749 §5.1).");
        }

        var tokenType = String(root, "token_type");
        if (string.IsNullOrEmpty(tokenType))
        {
            throw new OAuthProtocolException("The token response has no token_type (RFC 6749 §5.1).");
        }

        TimeSpan? expiresIn = PositiveInteger(root, "expires_in") is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        return new TokenResponse
        {
            AccessToken = accessToken,
            TokenType = tokenType,
            ExpiresIn = expiresIn,
            ExpiresAt = receivedAt + expiresIn,
            Scope = String(root, "scope"),
            RefreshToken = String(root, "refresh_token"),
            IdToken = String(root, "id_token"),
            AuthorizationDetails = root.TryGetProperty("authorization_details", out var details) && details.ValueKind == JsonValueKind.Array
                ? details.Clone()
                : null,
        };
    }

    /// <summary>CIBA Core §7.3: <c>auth_req_id</c> and <c>expires_in</c> are required; a response without them is an error (§7.4).</summary>
    public static BackchannelAuthenticationResponse ParseBackchannel(ReadOnlyMemory<byte> body)
    {
        using var document = ParseObject(body, "backchannel authentication response");
        var root = document.RootElement;
        var authReqId = String(root, "auth_req_id");
        if (string.IsNullOrEmpty(authReqId))
        {
            throw new OAuthProtocolException("The backchannel authentication response has no auth_req_id (CIBA Core §7.3).");
        }

        var expiresIn = PositiveInteger(root, "expires_in") ??
            throw new OAuthProtocolException("The backchannel authentication response has no positive integer expires_in (CIBA Core §7.3).");
        TimeSpan? interval = PositiveInteger(root, "interval") is { } i ? TimeSpan.FromSeconds(i) : null;
        return new BackchannelAuthenticationResponse(authReqId, TimeSpan.FromSeconds(expiresIn), interval);
    }

    /// <summary>OpenID Connect Discovery 1.0 §3 and §4.3: the document's issuer must equal the one asked for.</summary>
    public static ProviderMetadata ParseMetadata(ReadOnlyMemory<byte> body, string expectedIssuer)
    {
        using var document = ParseObject(body, "discovery document");
        var root = document.RootElement;
        var issuer = String(root, "issuer");
        if (!string.Equals(issuer, expectedIssuer, StringComparison.Ordinal))
        {
            throw new OAuthProtocolException("The discovery document's issuer differs from the configured issuer (OpenID Connect Discovery §4.3).");
        }

        var tokenEndpoint = AbsoluteUri(root, "token_endpoint") ??
            throw new OAuthProtocolException("The discovery document has no absolute token_endpoint.");
        var modes = root.TryGetProperty("backchannel_token_delivery_modes_supported", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).ToArray()
            : [];
        return new ProviderMetadata(issuer!, tokenEndpoint, AbsoluteUri(root, "backchannel_authentication_endpoint"), modes);
    }

    /// <summary>RFC 6749 §5.2: a JSON object with a string <c>error</c>.</summary>
    public static bool TryParseError(ReadOnlyMemory<byte> body, int statusCode, out OAuthError error)
    {
        error = default;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "error") is not { Length: > 0 } code)
            {
                return false;
            }

            error = new OAuthError(Clean(code, 64), String(root, "error_description") is { } d ? Clean(d, MaxDescriptionLength) : null,
                String(root, "error_uri"), statusCode);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonDocument ParseObject(ReadOnlyMemory<byte> body, string what)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new OAuthProtocolException($"The {what} is not JSON.", e);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new OAuthProtocolException($"The {what} is not a JSON object.");
        }

        return document;
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A positive integer, as a JSON number or (leniently) a numeric string.</summary>
    private static long? PositiveInteger(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        long number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out number))
        {
            return number > 0 ? number : null;
        }

        if (value.ValueKind == JsonValueKind.String &&
            long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return number > 0 ? number : null;
        }

        return null;
    }

    private static Uri? AbsoluteUri(JsonElement root, string name) =>
        String(root, name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>Keeps printable ASCII (the RFC 6749 §5.2 character set) and caps the length.</summary>
    private static string Clean(string text, int max)
    {
        var builder = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text)
        {
            if (builder.Length == max)
            {
                break;
            }

            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }
}
