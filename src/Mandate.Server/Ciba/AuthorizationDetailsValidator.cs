using System.Text.Json;
using System.Text.Json.Nodes;
using Mandate.Server.AuthorizationDetails;
using Mandate.Server.Protocol;

namespace Mandate.Server.Ciba;

/// <summary>
/// Validates RFC 9396 <c>authorization_details</c>: a JSON array of 1 to 10 objects, each with a string <c>type</c> that
/// the host registered (<c>AddMandateAuthorizationDetailsType</c>, docs/server.md "Seeding"), checked by that type's own
/// validator. Anything else is refused with <c>invalid_authorization_details</c> (RFC 9396 §5). With no registered type,
/// every request that carries <c>authorization_details</c> is refused.
/// </summary>
internal sealed class AuthorizationDetailsValidator(AuthorizationDetailsTypes types)
{
    private const int MaxEntries = 10;

    /// <summary>Registered types, as advertised in <c>authorization_details_types_supported</c> (RFC 9396 §10).</summary>
    public IReadOnlyList<string> SupportedTypes => types.Names;

    /// <summary>Validates a JSON value (an array of objects) and returns its normalized JSON text.</summary>
    public Result<string> Validate(JsonElement details)
    {
        if (details.ValueKind != JsonValueKind.Array)
        {
            return Invalid("authorization_details must be a JSON array.");
        }

        var count = details.GetArrayLength();
        if (count is 0 or > MaxEntries)
        {
            return Invalid("authorization_details must hold between 1 and 10 entries.");
        }

        foreach (var entry in details.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return Invalid("Each authorization_details entry must be an object with a string type.");
            }

            if (types.Validate(type.GetString()!, entry) is { } error)
            {
                return Invalid(error);
            }
        }

        return JsonNode.Parse(details.GetRawText())!.ToJsonString();
    }

    /// <summary>Parses and validates JSON text (the form-parameter form).</summary>
    public Result<string> Validate(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            return Validate(document.RootElement);
        }
        catch (JsonException)
        {
            return Invalid("authorization_details is not valid JSON.");
        }
    }

    private static OAuthError Invalid(string description) => OAuthError.InvalidAuthorizationDetails(description);
}
