using System.Buffers;
using System.Text;
using System.Text.Json;
using Mandate.Server.AuthorizationDetails;
using Mandate.Server.Protocol;

namespace Mandate.Server.Ciba;

/// <summary>
/// Validates RFC 9396 <c>authorization_details</c>: a JSON array of 1 to 10 objects, each with a string <c>type</c> that
/// the host registered (<c>AddMandateAuthorizationDetailsType</c>, docs/server.md "Seeding"), checked by that type's own
/// validator, nested at most <see cref="MaxDepth"/> levels. Anything else is refused with
/// <c>invalid_authorization_details</c> (RFC 9396 §5). With no registered type, every request that carries
/// <c>authorization_details</c> is refused.
/// </summary>
internal sealed class AuthorizationDetailsValidator(AuthorizationDetailsTypes types)
{
    /// <summary>The deepest nesting accepted, the array itself being level 1 (as <see cref="JsonDocumentOptions.MaxDepth"/>
    /// counts).</summary>
    public const int MaxDepth = 8;

    private const int MaxEntries = 10;

    // The depth JsonNode.ToJsonString writes with default options (JsonSerializerOptions.MaxDepth 0 means 64).
    private const int JsonNodeMaxDepth = 64;

    /// <summary>Registered types, as advertised in <c>authorization_details_types_supported</c> (RFC 9396 §10).</summary>
    public IReadOnlyList<string> SupportedTypes => types.Names;

    /// <summary>Validates a JSON value (an array of objects) and returns its normalized JSON text.</summary>
    public Result<string> Validate(JsonElement details)
    {
        if (details.ValueKind != JsonValueKind.Array)
        {
            return Invalid("authorization_details must be a JSON array.");
        }

        if (Depth(details) > MaxDepth)
        {
            return Invalid("authorization_details may be nested at most " + MaxDepth + " levels deep.");
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

        return Normalize(details);
    }

    /// <summary>
    /// The compact JSON text of <paramref name="details"/>: written by <see cref="Utf8JsonWriter"/> with the default
    /// encoder and no indentation, members and duplicates as sent. The same text as
    /// <c>JsonNode.Parse(details.GetRawText())!.ToJsonString()</c> (a parsed node writes its element back through the
    /// same writer), without parsing the JSON a second time.
    /// </summary>
    public static string Normalize(JsonElement details)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = JsonNodeMaxDepth }))
        {
            details.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses and validates JSON text (the form-parameter form).</summary>
    public Result<string> Validate(string json)
    {
        try
        {
            // The parser's own limit (64) bounds its recursion; Validate holds the nesting to MaxDepth.
            using var document = JsonDocument.Parse(json);
            return Validate(document.RootElement);
        }
        catch (JsonException)
        {
            return Invalid("authorization_details is not valid JSON.");
        }
    }

    /// <summary>How deeply <paramref name="element"/> nests: 1 for an empty array or object, plus its deepest member.</summary>
    private static int Depth(JsonElement element)
    {
        var deepest = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    deepest = Math.Max(deepest, Depth(item));
                }

                return deepest + 1;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    deepest = Math.Max(deepest, Depth(member.Value));
                }

                return deepest + 1;
            default:
                return 0;
        }
    }

    private static OAuthError Invalid(string description) => OAuthError.InvalidAuthorizationDetails(description);
}
