using System.Text.Json;

namespace ShoeStore.Api.Security;

/// <summary>
/// The validated claims of the request's access token (RFC 9068 §2.2) that the store acts on: who the
/// customer is, which agent acts, what was granted, and the approval's identity.
/// </summary>
internal sealed class AccessTokenClaims
{
    /// <summary>The CIBA grant type; an authorization server without <c>act</c> may mark delegated tokens with it.</summary>
    public const string CibaGrantType = "urn:openid:params:grant-type:ciba";

    /// <summary><c>sub</c>: the customer for a delegated token, the client itself for client credentials.</summary>
    public required string Subject { get; init; }

    /// <summary><c>client_id</c>: the client (agent) the token was issued to.</summary>
    public required string ClientId { get; init; }

    /// <summary><c>jti</c>: the token's identifier, used as the identity of the approval it carries.</summary>
    public required string TokenId { get; init; }

    /// <summary><c>act.sub</c> (RFC 8693 §4.1): the party acting for <see cref="Subject"/>, or null.</summary>
    public string? Actor { get; init; }

    /// <summary>A <c>grant_type</c> claim, when the server sends one.</summary>
    public string? GrantType { get; init; }

    /// <summary><c>amr</c> (RFC 8176 §2, OIDC Core §2): how the customer approved, e.g. <c>["pop","user"]</c> after a
    /// passkey, <c>["pwd"]</c> after a password session's click; empty when the token has none.</summary>
    public IReadOnlyList<string> AuthenticationMethods { get; init; } = [];

    /// <summary>The granted scopes.</summary>
    public required IReadOnlySet<string> Scopes { get; init; }

    /// <summary><c>authorization_details</c> (RFC 9396 §2): a JSON array, or null when the token has none.</summary>
    public JsonElement? AuthorizationDetails { get; init; }

    /// <summary>
    /// True when the token says "this customer, through this agent": the subject is not the client, and the
    /// client is named as the actor (<c>act.sub</c> = <c>client_id</c>), or, without <c>act</c>, the token came
    /// from the CIBA grant. A client-credentials token is never a customer, whatever its <c>sub</c>
    /// (RFC 9700 §4.15.1; RFC 9068 §5).
    /// </summary>
    public bool IsDelegatedUser =>
        !string.Equals(Subject, ClientId, StringComparison.Ordinal) &&
        (Actor is not null
            ? string.Equals(Actor, ClientId, StringComparison.Ordinal)
            : string.Equals(GrantType, CibaGrantType, StringComparison.Ordinal));

    /// <summary>The agent that makes the call: <c>act.sub</c>, else <c>client_id</c>.</summary>
    public string AgentClientId => Actor ?? ClientId;
}
