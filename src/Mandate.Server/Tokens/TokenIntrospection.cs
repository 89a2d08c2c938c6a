using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace Mandate.Server.Tokens;

/// <summary>
/// RFC 7662 introspection of this server's access tokens for an authenticated client (§2.1). The token is active
/// (§2.2) when <see cref="AccessTokenReader"/> accepts it and the caller is the client it was issued to
/// (<c>client_id</c>) or its audience (§4: the server may limit who learns about a token). The answer carries
/// <c>active</c>, <c>scope</c>, <c>client_id</c>, <c>sub</c>, <c>aud</c>, <c>iss</c>, <c>exp</c>, <c>iat</c>,
/// <c>jti</c>, <c>token_type</c> (§2.2) and, when present, <c>act</c> (RFC 8693 §4.1) and
/// <c>authorization_details</c> (RFC 9396 §9.2); anything else is <c>{"active": false}</c>.
/// </summary>
internal sealed class TokenIntrospection(AccessTokenReader reader)
{
    private static readonly string[] Claims = ["scope", "client_id", "sub", "aud", "iss", "exp", "iat", "jti", "acr", "amr", "act", "authorization_details"];

    /// <summary>Introspects <paramref name="token"/> for <paramref name="callerClientId"/>.</summary>
    public async Task<JsonObject> IntrospectAsync(string token, string callerClientId, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(token, cancellationToken) is not { } jwt
            || !(jwt.TryGetPayloadValue<string>("client_id", out var owner) && owner == callerClientId || jwt.Audiences.Contains(callerClientId)))
        {
            return new JsonObject { ["active"] = false };
        }

        // The payload as signed, so that every claim keeps its JSON type (aud string or array, act and
        // authorization_details objects).
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(jwt.EncodedPayload))!.AsObject();
        var answer = new JsonObject { ["active"] = true, ["token_type"] = "Bearer" };
        foreach (var name in Claims)
        {
            if (payload.TryGetPropertyValue(name, out var value) && value is not null)
            {
                answer[name] = value.DeepClone();
            }
        }

        return answer;
    }
}
