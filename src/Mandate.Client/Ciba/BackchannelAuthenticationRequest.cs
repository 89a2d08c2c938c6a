using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Mandate.Client.Ciba;

/// <summary>
/// A CIBA authentication request (CIBA Core §7.1). It is sent as a signed request object (§7.1.1) holding every
/// parameter; <c>openid</c> is always added to the scope. Exactly one of <see cref="LoginHint"/>,
/// <see cref="IdTokenHint"/> and <see cref="LoginHintToken"/> must be set. <see cref="ToString"/> shows no hint,
/// binding message or user code.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class BackchannelAuthenticationRequest
{
    /// <summary>OPTIONAL hint (one of three): the user's identifier as the OP knows it, e.g. a username (<c>login_hint</c>).</summary>
    public string? LoginHint { get; init; }

    /// <summary>OPTIONAL hint (one of three): an ID Token previously issued to this client (<c>id_token_hint</c>).</summary>
    public string? IdTokenHint { get; init; }

    /// <summary>OPTIONAL hint (one of three): a token identifying the user (<c>login_hint_token</c>).</summary>
    public string? LoginHintToken { get; init; }

    /// <summary>REQUIRED. The scopes requested (RFC 6749 §3.3); <c>openid</c> is added when absent (CIBA Core §7.1).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>OPTIONAL. A short text shown on both devices so the user can tell this request apart (<c>binding_message</c>).</summary>
    public string? BindingMessage { get; init; }

    /// <summary>OPTIONAL. Requested authentication context classes (<c>acr_values</c>); default from the options.</summary>
    public string? AcrValues { get; init; }

    /// <summary>OPTIONAL. Requested lifetime of the <c>auth_req_id</c> (<c>requested_expiry</c>), sent as whole seconds (≥ 1).</summary>
    public TimeSpan? RequestedExpiry { get; init; }

    /// <summary>OPTIONAL. A secret the user knows, verified by the OP (<c>user_code</c>, CIBA Core §7.1.2). Never shown.</summary>
    public string? UserCode { get; init; }

    /// <summary>
    /// OPTIONAL. RFC 9396 authorization details: a JSON array of objects, each with a string <c>type</c> (§2); any type may
    /// be sent, e.g. <c>JsonSerializer.SerializeToNode(purchase)</c>.
    /// </summary>
    public JsonArray? AuthorizationDetails { get; init; }

    /// <summary>
    /// OPTIONAL. An RFC 8707 resource indicator (§2: an absolute URI without a fragment): the resource server the access
    /// token is for, e.g. an MCP server's URL, when the client is registered for several (<c>resource</c>).
    /// </summary>
    public string? Resource { get; init; }

    /// <summary>Describes the request without the hint, binding message or user code.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() =>
        $"BackchannelAuthenticationRequest {{ Scope = {BuildScope()}, Hint = {HintName()}, " +
        $"BindingMessage = {(BindingMessage is null ? "unset" : "set")}, AuthorizationDetails = {AuthorizationDetails?.Count ?? 0} }}";

    /// <summary>The <c>scope</c> value: <c>openid</c> first, then the requested scopes, without duplicates.</summary>
    internal string BuildScope() =>
        string.Join(' ', Scopes.Prepend("openid").SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal));

    /// <summary>Checks what CIBA Core §7.1 and RFC 9396 §2 put on the client.</summary>
    /// <exception cref="ArgumentException">The request breaks one of them.</exception>
    internal void Validate()
    {
        var hints = (LoginHint is { Length: > 0 } ? 1 : 0) + (IdTokenHint is { Length: > 0 } ? 1 : 0) + (LoginHintToken is { Length: > 0 } ? 1 : 0);
        if (hints != 1)
        {
            throw new ArgumentException(
                $"CIBA Core §7.1 requires exactly one of login_hint, id_token_hint and login_hint_token; this request has {hints}.");
        }

        if (RequestedExpiry is { } expiry && expiry < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("requested_expiry must be a positive number of seconds (CIBA Core §7.1).");
        }

        if (Resource is { } resource && (!Uri.TryCreate(resource, UriKind.Absolute, out _) || resource.Contains('#', StringComparison.Ordinal)))
        {
            throw new ArgumentException("resource must be an absolute URI without a fragment (RFC 8707 §2).");
        }

        if (AuthorizationDetails is { } details)
        {
            foreach (var detail in details)
            {
                if (detail is not JsonObject entry || entry["type"] is not JsonValue type || !type.TryGetValue<string>(out var name) ||
                    name.Length == 0)
                {
                    throw new ArgumentException("Each authorization_details entry must be a JSON object with a string \"type\" (RFC 9396 §2).");
                }
            }
        }
    }

    private string HintName() =>
        LoginHint is not null ? "login_hint" : IdTokenHint is not null ? "id_token_hint" : LoginHintToken is not null ? "login_hint_token" : "none";
}
