using System.Globalization;
using Mandate.Server.Clients;
using Mandate.Server.Protocol;
using Mandate.Server.Scopes;

namespace Mandate.Server.Ciba;

/// <summary>
/// The checks of a backchannel authentication request after client authentication (CIBA §7.2), in order:
/// <list type="number">
/// <item>the client may use CIBA and is registered for poll or ping (<c>unauthorized_client</c>);</item>
/// <item>a request object when the client registered a signing alg; when <c>request</c> is sent, no authentication
/// parameter outside it (<c>invalid_request</c>, CIBA §7.1.1);</item>
/// <item><c>scope</c>: present, registered, allowed (<c>invalid_request</c>/<c>invalid_scope</c>);</item>
/// <item>exactly one hint, resolved to an enabled user (<c>invalid_request</c>, <c>unknown_user_id</c>);</item>
/// <item><c>binding_message</c>, <c>user_code</c>, <c>requested_expiry</c>, <c>client_notification_token</c>,
/// <c>authorization_details</c>.</item>
/// </list>
/// Unrecognized parameters are ignored (CIBA §7.2).
/// </summary>
internal sealed class BackchannelRequestValidator(
    RequestObjectValidator requestObjects,
    ScopeCatalog scopes,
    IUserDirectory users,
    IIdTokenHintValidator idTokenHints,
    AuthorizationDetailsValidator authorizationDetails)
{
    /// <summary>Validates the request.</summary>
    /// <param name="client">The authenticated client.</param>
    /// <param name="form">Form fields, each present at most once.</param>
    /// <param name="limits">Server policy.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Result<ValidatedBackchannelRequest>> ValidateAsync(
        RegisteredClient client, IReadOnlyDictionary<string, string> form, BackchannelLimits limits, CancellationToken cancellationToken)
    {
        if (!client.AllowsCiba)
        {
            return OAuthError.UnauthorizedClient("The client is not allowed to use CIBA.");
        }

        if (client.Ciba.DeliveryMode is not ("poll" or "ping"))
        {
            return OAuthError.UnauthorizedClient("The client is not registered for the poll or ping delivery mode.");
        }

        var parameters = await ReadParametersAsync(client, form, limits, cancellationToken);
        if (parameters.Failed)
        {
            return parameters.Error;
        }

        var p = parameters.Value;
        var grant = ScopePolicy.Evaluate(p.Scope, client.AllowedScopes, scopes.Find, clientCredentials: false);
        if (grant.Failed)
        {
            return grant.Error;
        }

        if (limits.RequireOpenId && !grant.Value.Scopes.Contains("openid"))
        {
            return OAuthError.InvalidScope("CIBA requests must contain the openid scope.");
        }

        var subject = await ResolveUserAsync(client, p, cancellationToken);
        if (subject.Failed)
        {
            return subject.Error;
        }

        if (p.BindingMessage is not null && BindingMessageValidator.Validate(p.BindingMessage) is { } bindingError)
        {
            return bindingError;
        }

        if (await CheckUserCodeAsync(client, subject.Value, p.UserCode, cancellationToken) is { } userCodeError)
        {
            return userCodeError;
        }

        var expiresIn = ReadExpiry(p.RequestedExpiry, limits);
        if (expiresIn.Failed)
        {
            return expiresIn.Error;
        }

        if (client.Ciba.DeliveryMode == "ping" && CheckNotificationToken(p.ClientNotificationToken) is { } tokenError)
        {
            return tokenError;
        }

        string? details = null;
        if (p.AuthorizationDetails is not null)
        {
            var checkedDetails = authorizationDetails.Validate(p.AuthorizationDetails);
            if (checkedDetails.Failed)
            {
                return checkedDetails.Error;
            }

            details = checkedDetails.Value;
        }

        return new ValidatedBackchannelRequest
        {
            Client = client,
            Subject = subject.Value,
            Scopes = grant.Value,
            AuthorizationDetailsJson = details,
            BindingMessage = p.BindingMessage,
            AcrValues = p.AcrValues,
            ExpiresIn = expiresIn.Value,
            DeliveryMode = client.Ciba.DeliveryMode,
            ClientNotificationToken = client.Ciba.DeliveryMode == "ping" ? p.ClientNotificationToken : null,
        };
    }

    private async Task<Result<BackchannelParameters>> ReadParametersAsync(
        RegisteredClient client, IReadOnlyDictionary<string, string> form, BackchannelLimits limits, CancellationToken cancellationToken)
    {
        if (form.ContainsKey("request_uri"))
        {
            return OAuthError.InvalidRequest("request_uri is not supported.");
        }

        if (!form.TryGetValue("request", out var requestObject))
        {
            return client.Ciba.RequestSigningAlg is not null
                ? OAuthError.InvalidRequest("This client must send a signed request object (request parameter).")
                : BackchannelParameters.FromForm(form);
        }

        if (BackchannelParameters.Names.FirstOrDefault(form.ContainsKey) is { } outside)
        {
            return OAuthError.InvalidRequest("The parameter '" + outside + "' must be inside the request object, not beside it.");
        }

        var claims = await requestObjects.ValidateAsync(requestObject, client, limits.RequestObjects, cancellationToken);
        return claims.Failed ? claims.Error : BackchannelParameters.FromClaims(claims.Value);
    }

    private async Task<Result<string>> ResolveUserAsync(RegisteredClient client, BackchannelParameters p, CancellationToken cancellationToken)
    {
        var hints = (p.LoginHint is not null ? 1 : 0) + (p.IdTokenHint is not null ? 1 : 0) + (p.LoginHintToken is not null ? 1 : 0);
        if (hints != 1)
        {
            return OAuthError.InvalidRequest("Exactly one of login_hint, id_token_hint and login_hint_token is required.");
        }

        if (p.LoginHintToken is not null)
        {
            return OAuthError.InvalidRequest("login_hint_token is not supported; use login_hint or id_token_hint.");
        }

        string? subject;
        if (p.LoginHint is not null)
        {
            subject = p.LoginHint.Length is > 0 and <= 256 ? await users.ResolveLoginHintAsync(p.LoginHint, cancellationToken) : null;
        }
        else
        {
            subject = await idTokenHints.ValidateAsync(p.IdTokenHint!, client.ClientId, cancellationToken);
            if (subject is not null && !await users.IsActiveAsync(subject, cancellationToken))
            {
                subject = null;
            }
        }

        return subject is null ? OAuthError.UnknownUserId("The hint does not identify a known user.") : subject;
    }

    private async Task<OAuthError?> CheckUserCodeAsync(RegisteredClient client, string subject, string? userCode, CancellationToken cancellationToken)
    {
        if (!client.Ciba.UserCodeParameter || !await users.HasUserCodeAsync(subject, cancellationToken))
        {
            return null;
        }

        if (string.IsNullOrEmpty(userCode))
        {
            return OAuthError.MissingUserCode("A user_code is required for this user.");
        }

        return await users.VerifyUserCodeAsync(subject, userCode, cancellationToken)
            ? null
            : OAuthError.InvalidUserCode("The user_code is not correct.");
    }

    private static Result<TimeSpan> ReadExpiry(string? requested, BackchannelLimits limits)
    {
        if (requested is null)
        {
            return limits.DefaultExpiry;
        }

        if (requested.Length > 9 || !requested.All(char.IsAsciiDigit)
            || !int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
        {
            return OAuthError.InvalidRequest("requested_expiry must be a positive integer.");
        }

        var expiry = TimeSpan.FromSeconds(seconds);
        return expiry > limits.MaxExpiry ? limits.MaxExpiry : expiry;
    }

    private static OAuthError? CheckNotificationToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return OAuthError.InvalidRequest("client_notification_token is required for ping clients.");
        }

        // RFC 6750 §2.1 b64token, at most 1024 characters (CIBA §7.1).
        var trimmed = token.TrimEnd('=');
        return token.Length > 1024 || trimmed.Length == 0
            || trimmed.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/'))
            ? OAuthError.InvalidRequest("client_notification_token must be an RFC 6750 b64token of at most 1024 characters.")
            : null;
    }
}
