using System.Text.Json;

namespace ShoeStore.Api.Security;

/// <summary>
/// Reads <see cref="AccessTokenClaims"/> from a signature-checked JWT payload and refuses a token that lacks
/// a claim RFC 9068 §2.2 requires (<c>sub</c>, <c>client_id</c>, <c>iat</c>, <c>jti</c>; the handler already
/// checked <c>iss</c>, <c>aud</c>, <c>exp</c>) or carries one this API cannot honour.
/// </summary>
internal static class AccessTokenClaimsReader
{
    private const int MaxIdentifierLength = 255;

    /// <summary>Returns the claims, or sets <paramref name="problem"/> to a fixed, safe description.</summary>
    public static AccessTokenClaims? Read(JsonElement payload, out string? problem)
    {
        problem = null;
        if (payload.ValueKind != JsonValueKind.Object)
        {
            problem = "The access token payload is not a JSON object";
            return null;
        }

        var subject = Identifier(payload, "sub");
        var clientId = Identifier(payload, "client_id");
        var tokenId = Identifier(payload, "jti");
        if (subject is null || clientId is null || tokenId is null ||
            !payload.TryGetProperty("iat", out var iat) || iat.ValueKind != JsonValueKind.Number)
        {
            problem = "The access token lacks a required claim (sub, client_id, iat and jti are required)";
            return null;
        }

        if (payload.TryGetProperty("cnf", out _))
        {
            // A sender-constrained token (RFC 8705, RFC 9449) used as a plain bearer token would lose its binding.
            problem = "Sender-constrained access tokens (cnf) are not supported by this API";
            return null;
        }

        string? actor = null;
        if (payload.TryGetProperty("act", out var act))
        {
            actor = act.ValueKind == JsonValueKind.Object ? Identifier(act, "sub") : null;
            if (actor is null)
            {
                problem = "The act claim of the access token is malformed";
                return null;
            }
        }

        JsonElement? authorizationDetails = null;
        if (payload.TryGetProperty("authorization_details", out var details))
        {
            if (details.ValueKind != JsonValueKind.Array)
            {
                problem = "The authorization_details claim of the access token must be a JSON array";
                return null;
            }

            authorizationDetails = details.Clone();
        }

        var methods = AuthenticationMethods(payload);
        if (methods is null)
        {
            problem = "The amr claim of the access token must be a JSON array of short strings";
            return null;
        }

        var scopes = Scopes(payload);
        if (scopes is null)
        {
            problem = "The scope claim of the access token is malformed";
            return null;
        }

        return new AccessTokenClaims
        {
            Subject = subject,
            ClientId = clientId,
            TokenId = tokenId,
            Actor = actor,
            GrantType = payload.TryGetProperty("grant_type", out var grant) && grant.ValueKind == JsonValueKind.String
                ? grant.GetString()
                : null,
            Scopes = scopes,
            AuthorizationDetails = authorizationDetails,
            AuthenticationMethods = methods,
        };
    }

    // RFC 8176 amr: an array of strings (at most 10 of at most 32 characters); absent is an empty list.
    private static IReadOnlyList<string>? AuthenticationMethods(JsonElement payload)
    {
        if (!payload.TryGetProperty("amr", out var amr))
        {
            return [];
        }

        if (amr.ValueKind != JsonValueKind.Array || amr.GetArrayLength() > 10)
        {
            return null;
        }

        var methods = new List<string>();
        foreach (var item in amr.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 and <= 32 } method || method.Contains(' ', StringComparison.Ordinal))
            {
                return null;
            }

            methods.Add(method);
        }

        return methods;
    }

    private static string? Identifier(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
        value.GetString() is { Length: > 0 and <= MaxIdentifierLength } text
            ? text
            : null;

    private static HashSet<string>? Scopes(JsonElement payload)
    {
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        if (!payload.TryGetProperty("scope", out var scope))
        {
            return scopes;
        }

        // RFC 9068 §2.2.3: one space-separated string (RFC 8693 §4.2); some servers send an array of strings.
        switch (scope.ValueKind)
        {
            case JsonValueKind.String:
                scopes.UnionWith(scope.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                return scopes;
            case JsonValueKind.Array:
                foreach (var item in scope.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return null;
                    }

                    scopes.Add(item.GetString()!);
                }

                return scopes;
            default:
                return null;
        }
    }
}
