using System.Text.Json;
using Mandate.Server.Protocol;

namespace Mandate.Server.Ciba;

/// <summary>The authentication request parameters of CIBA §7.1, from the form or from a request object.</summary>
internal sealed record BackchannelParameters
{
    /// <summary>Names of the authentication request parameters (they must not appear outside a request object, CIBA §7.1.1).</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "scope", "client_notification_token", "acr_values", "login_hint_token", "id_token_hint", "login_hint",
        "binding_message", "user_code", "requested_expiry", "authorization_details", "resource",
    ];

    /// <summary><c>scope</c> (REQUIRED).</summary>
    public string? Scope { get; init; }

    /// <summary><c>client_notification_token</c> (REQUIRED for ping).</summary>
    public string? ClientNotificationToken { get; init; }

    /// <summary><c>acr_values</c>.</summary>
    public string? AcrValues { get; init; }

    /// <summary><c>login_hint_token</c>.</summary>
    public string? LoginHintToken { get; init; }

    /// <summary><c>id_token_hint</c>.</summary>
    public string? IdTokenHint { get; init; }

    /// <summary><c>login_hint</c>.</summary>
    public string? LoginHint { get; init; }

    /// <summary><c>binding_message</c>.</summary>
    public string? BindingMessage { get; init; }

    /// <summary><c>user_code</c>.</summary>
    public string? UserCode { get; init; }

    /// <summary><c>requested_expiry</c> as text (a JSON number in a request object is converted).</summary>
    public string? RequestedExpiry { get; init; }

    /// <summary><c>authorization_details</c> as JSON text (RFC 9396 §2): a form parameter, or a request-object claim
    /// sent as a string.</summary>
    public string? AuthorizationDetails { get; init; }

    /// <summary><c>authorization_details</c> as a request-object claim that is a JSON array (RFC 9396 §3), checked as it
    /// was parsed, without writing it out and parsing it again.</summary>
    public JsonElement? AuthorizationDetailsClaim { get; init; }

    /// <summary><c>resource</c> (RFC 8707 §2): the token's audience, one of the client's registered resources.</summary>
    public string? Resource { get; init; }

    /// <summary>Reads the parameters from form fields.</summary>
    public static BackchannelParameters FromForm(IReadOnlyDictionary<string, string> form) => new()
    {
        Scope = form.GetValueOrDefault("scope"),
        ClientNotificationToken = form.GetValueOrDefault("client_notification_token"),
        AcrValues = form.GetValueOrDefault("acr_values"),
        LoginHintToken = form.GetValueOrDefault("login_hint_token"),
        IdTokenHint = form.GetValueOrDefault("id_token_hint"),
        LoginHint = form.GetValueOrDefault("login_hint"),
        BindingMessage = form.GetValueOrDefault("binding_message"),
        UserCode = form.GetValueOrDefault("user_code"),
        RequestedExpiry = form.GetValueOrDefault("requested_expiry"),
        AuthorizationDetails = form.GetValueOrDefault("authorization_details"),
        Resource = form.GetValueOrDefault("resource"),
    };

    /// <summary>
    /// Reads the parameters from request-object claims (CIBA §7.1.1): each is a JSON string, except
    /// <c>requested_expiry</c> (string or number) and <c>authorization_details</c> (array, or its JSON text).
    /// </summary>
    public static Result<BackchannelParameters> FromClaims(JsonElement claims)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonElement? details = null;
        foreach (var name in Names)
        {
            if (!claims.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (name == "authorization_details" && value.ValueKind == JsonValueKind.Array)
            {
                details = value;
                continue;
            }

            var text = (name, value.ValueKind) switch
            {
                (_, JsonValueKind.String) => value.GetString(),
                ("requested_expiry", JsonValueKind.Number) => value.GetRawText(),
                _ => null,
            };
            if (text is null)
            {
                return OAuthError.InvalidRequest("Request object: the claim '" + name + "' has the wrong JSON type.");
            }

            values[name] = text;
        }

        return FromForm(values) with { AuthorizationDetailsClaim = details };
    }
}
