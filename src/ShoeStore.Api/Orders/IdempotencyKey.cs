namespace ShoeStore.Api.Orders;

/// <summary>
/// The <c>Idempotency-Key</c> request header (draft-ietf-httpapi-idempotency-key-header): a client-chosen
/// string, 1–255 visible ASCII characters, sent bare or as a quoted structured-field string.
/// </summary>
internal static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";

    public const int MaxLength = 255;

    /// <summary>Reads the header: no header → (null, null); a bad one → (null, error message).</summary>
    public static (string? Key, string? Error) Read(IHeaderDictionary headers)
    {
        var values = headers[HeaderName];
        if (values.Count == 0)
        {
            return (null, null);
        }

        if (values.Count > 1)
        {
            return (null, "Send one Idempotency-Key header.");
        }

        return Parse(values[0]!);
    }

    /// <summary>Reads one key (bare or quoted), as the header or an MCP tool argument carries it.</summary>
    public static (string? Key, string? Error) Parse(string key)
    {
        if (key.Length >= 2 && key[0] == '"' && key[^1] == '"')
        {
            key = key[1..^1];
        }

        if (key.Length is 0 or > MaxLength || key.Any(c => c is < '!' or > '~'))
        {
            return (null, $"Use 1 to {MaxLength} visible ASCII characters, e.g. a UUID.");
        }

        return (key, null);
    }
}
