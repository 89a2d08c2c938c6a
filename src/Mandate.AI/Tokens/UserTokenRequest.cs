using System.Text.Json;

namespace Mandate.AI.Tokens;

/// <summary>
/// A request for a token on behalf of a user: the parameters of a CIBA backchannel authentication request
/// (CIBA Core §7.1). The user is named by <see cref="LoginHint"/>.
/// </summary>
public sealed class UserTokenRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="loginHint">REQUIRED. Who must approve (CIBA Core §7.1 <c>login_hint</c>).</param>
    /// <param name="scopes">REQUIRED. The scope values (RFC 6749 §3.3), without <c>openid</c> (the token source adds it).</param>
    public UserTokenRequest(string loginHint, IReadOnlyList<string> scopes)
    {
        ArgumentException.ThrowIfNullOrEmpty(loginHint);
        ArgumentNullException.ThrowIfNull(scopes);
        LoginHint = loginHint;
        Scopes = scopes;
    }

    /// <summary>REQUIRED. The user who must approve (CIBA Core §7.1 <c>login_hint</c>).</summary>
    public string LoginHint { get; }

    /// <summary>REQUIRED. The scope values (RFC 6749 §3.3). CIBA's <c>openid</c> is added by the token source.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>OPTIONAL. The protected resource the token is for (RFC 8707 §2 <c>resource</c>).</summary>
    public string? Resource { get; init; }

    /// <summary>
    /// OPTIONAL. The message shown on both devices (CIBA Core §7.1 <c>binding_message</c>): at most 100 visible
    /// characters, see <see cref="Policies.BindingMessage"/>.
    /// </summary>
    public string? BindingMessage { get; init; }

    /// <summary>OPTIONAL. RFC 9396 <c>authorization_details</c>: a JSON array of objects, each with a <c>type</c>.</summary>
    public JsonElement? AuthorizationDetails { get; init; }
}
