using System.Buffers;
using System.Text.Json;
using Mandate.Server.Tokens;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Endpoints;

/// <summary>The successful token response (RFC 6749 §5.1; OIDC Core §3.1.3.3 for <c>id_token</c>).</summary>
internal static class TokenResponse
{
    /// <summary>
    /// Writes <c>access_token</c>, <c>token_type</c> <c>Bearer</c>, <c>expires_in</c>, <c>scope</c> and, when issued,
    /// <c>id_token</c>, with <c>Cache-Control: no-store</c> and <c>Pragma: no-cache</c> (RFC 6749 §5.1).
    /// </summary>
    public static IResult Write(IssuedTokens tokens, HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("access_token", tokens.AccessToken);
            json.WriteString("token_type", "Bearer");
            json.WriteNumber("expires_in", (long)tokens.ExpiresIn.TotalSeconds);
            json.WriteString("scope", tokens.Scope);
            if (tokens.IdToken is { } idToken)
            {
                json.WriteString("id_token", idToken);
            }

            json.WriteEndObject();
        }

        return Results.Bytes(buffer.WrittenMemory, "application/json;charset=UTF-8");
    }
}
