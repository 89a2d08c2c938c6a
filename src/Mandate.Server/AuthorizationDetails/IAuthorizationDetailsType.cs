using System.Text.Json;

namespace Mandate.Server.AuthorizationDetails;

/// <summary>
/// An RFC 9396 <c>authorization_details</c> type the server accepts, with the check of its fields (docs/server.md,
/// "Seeding"). Registered with <c>AddMandateAuthorizationDetailsType</c>; the registered names are advertised in
/// <c>authorization_details_types_supported</c>.
/// </summary>
public interface IAuthorizationDetailsType
{
    /// <summary>The <c>type</c> value (RFC 9396 §2), e.g. <c>payment_initiation</c>.</summary>
    string Type { get; }

    /// <summary>
    /// Checks one entry whose <c>type</c> is <see cref="Type"/> (a JSON object). Returns null when it is valid, else the
    /// <c>error_description</c> of the <c>invalid_authorization_details</c> answer (RFC 9396 §5): plain text without
    /// the request's values.
    /// </summary>
    string? Validate(JsonElement detail);
}
