namespace Mandate.Server.Authentication;

/// <summary>The client-authentication parts of a request (RFC 6749 §2.3.1, RFC 7523 §2.2).</summary>
internal sealed record ClientCredentialsInput
{
    /// <summary>Client id from HTTP Basic.</summary>
    public string? BasicClientId { get; init; }

    /// <summary>Secret from HTTP Basic.</summary>
    public string? BasicSecret { get; init; }

    /// <summary>Whether an Authorization header was present but not a valid Basic one.</summary>
    public bool MalformedAuthorizationHeader { get; init; }

    /// <summary>Whether the client tried HTTP Basic (an Authorization header was sent): a 401 then carries a Basic
    /// challenge (RFC 6749 §5.2).</summary>
    public bool TriedBasic => BasicClientId is not null || MalformedAuthorizationHeader;

    /// <summary>Form <c>client_id</c>.</summary>
    public string? ClientId { get; init; }

    /// <summary>Form <c>client_secret</c>.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Form <c>client_assertion</c>.</summary>
    public string? ClientAssertion { get; init; }

    /// <summary>Form <c>client_assertion_type</c>.</summary>
    public string? ClientAssertionType { get; init; }
}
