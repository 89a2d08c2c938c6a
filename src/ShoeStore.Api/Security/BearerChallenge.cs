using System.Text;

namespace ShoeStore.Api.Security;

/// <summary>
/// A <c>WWW-Authenticate: Bearer</c> challenge (RFC 6750 §3). Each attribute appears at most once, and the
/// quoted values keep to the characters §3 allows (%x20-21 / %x23-5B / %x5D-7E; scope tokens without space).
/// </summary>
/// <param name="Realm">The protection space; always sent, so even a bare challenge has an auth-param.</param>
/// <param name="Error">An RFC 6750 §3.1 code, or null when the request carried no token (§3.1: no error code then).</param>
/// <param name="Description">Human-readable text for the developer, or null.</param>
/// <param name="Scope">The scope the request needs (with <c>insufficient_scope</c>), or null.</param>
/// <param name="ResourceMetadata">
/// RFC 9728 §5.1: the URL of the resource's Protected Resource Metadata, or null. The MCP endpoint always sends it
/// (MCP 2025-11-25, Authorization, "Protected Resource Metadata Discovery Requirements").
/// </param>
internal sealed record BearerChallenge(
    string Realm, string? Error = null, string? Description = null, string? Scope = null, string? ResourceMetadata = null)
{
    /// <summary>The header value, e.g. <c>Bearer realm="shoestore-api", error="invalid_token", error_description="…"</c>.</summary>
    public string ToHeaderValue()
    {
        var value = new StringBuilder("Bearer ");
        Append(value, "realm", Realm, allowSpace: true);
        if (Error is not null)
        {
            Append(value, "error", Error, allowSpace: false);
        }

        if (Description is not null)
        {
            Append(value, "error_description", Description, allowSpace: true);
        }

        if (Scope is not null)
        {
            Append(value, "scope", Scope, allowSpace: true);
        }

        if (ResourceMetadata is not null)
        {
            Append(value, "resource_metadata", ResourceMetadata, allowSpace: false);
        }

        return value.ToString();
    }

    private static void Append(StringBuilder header, string name, string value, bool allowSpace)
    {
        if (header.Length > "Bearer ".Length)
        {
            header.Append(", ");
        }

        header.Append(name).Append("=\"");
        foreach (var c in value)
        {
            // Drop what §3 forbids inside the quotes: '"', '\', controls and non-ASCII.
            if (c is >= ' ' and <= '~' and not '"' and not '\\' && (allowSpace || c != ' '))
            {
                header.Append(c);
            }
        }

        header.Append('"');
    }
}
