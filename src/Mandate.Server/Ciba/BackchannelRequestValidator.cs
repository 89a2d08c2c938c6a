using System.Globalization;
using Mandate.Server.Clients;
using Mandate.Server.Protocol;
using Mandate.Server.Scopes;
using Mandate.Server.Spending;

namespace Mandate.Server.Ciba;

/// <summary>
/// The checks of a backchannel authentication request after client authentication (CIBA §7.2), top to bottom in
/// <see cref="ValidateAsync"/>, each named by its id in the conformance table of <c>docs/security.md</c>; the first
/// that fails is the answer. Unrecognized parameters are ignored (CIBA §7.2, BC-27). Nothing here writes: the caller
/// records the outcome (<see cref="BackchannelRequestRecorder"/>).
/// </summary>
internal sealed class BackchannelRequestValidator(
    RequestObjectValidator requestObjects,
    ScopeCatalog scopes,
    IUserDirectory users,
    IIdTokenHintValidator idTokenHints,
    AuthorizationDetailsValidator authorizationDetails,
    SpendingBounds spendingBounds,
    SpendingLimitStore spendingLimits)
{
    /// <summary>Validates the request.</summary>
    /// <param name="client">The authenticated client.</param>
    /// <param name="form">Form fields, each present at most once.</param>
    /// <param name="limits">Server policy.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<BackchannelValidation> ValidateAsync(
        RegisteredClient client, IReadOnlyDictionary<string, string> form, BackchannelLimits limits, CancellationToken cancellationToken)
    {
        // A refusal records the request object's use, once it passed validation (RO-13).
        JwtUse? requestObject = null;
        BackchannelValidation Refused(OAuthError error) => new() { Error = error, RequestObject = requestObject };

        // BC-06: the client is registered for the CIBA grant, in the poll or ping mode.
        if (!client.AllowsCiba)
        {
            return Refused(OAuthError.UnauthorizedClient("The client is not allowed to use CIBA."));
        }

        if (client.Ciba.DeliveryMode is not ("poll" or "ping"))
        {
            return Refused(OAuthError.UnauthorizedClient("The client is not registered for the poll or ping delivery mode."));
        }

        // RO-01 … RO-29: the parameters come from the signed request object when one is sent (required when the
        // client registered a signing alg), and then from nowhere else.
        Result<BackchannelParameters> parameters;
        if (form.ContainsKey("request_uri"))
        {
            return Refused(OAuthError.InvalidRequest("request_uri is not supported."));
        }

        if (form.TryGetValue("request", out var jws))
        {
            if (BackchannelParameters.Names.FirstOrDefault(form.ContainsKey) is { } outside)
            {
                return Refused(OAuthError.InvalidRequest("The parameter '" + outside + "' must be inside the request object, not beside it."));
            }

            var validated = await requestObjects.ValidateAsync(jws, client, limits.RequestObjects);
            if (validated.Failed)
            {
                return Refused(validated.Error);
            }

            requestObject = validated.Value.Use;
            parameters = BackchannelParameters.FromClaims(validated.Value.Claims);
        }
        else if (client.Ciba.RequestSigningAlg is not null)
        {
            return Refused(OAuthError.InvalidRequest("This client must send a signed request object (request parameter)."));
        }
        else
        {
            parameters = BackchannelParameters.FromForm(form);
        }

        if (parameters.Failed)
        {
            return Refused(parameters.Error);
        }

        var p = parameters.Value;

        // BC-07, BC-09, BC-10: scope present, registered and allowed for the client; BC-08: openid when required.
        var grant = ScopePolicy.Evaluate(p.Scope, client.AllowedScopes, scopes.Find, clientCredentials: false);
        if (grant.Failed)
        {
            return Refused(grant.Error);
        }

        if (limits.RequireOpenId && !grant.Value.Scopes.Contains("openid"))
        {
            return Refused(OAuthError.InvalidScope("CIBA requests must contain the openid scope."));
        }

        // BC-11 … BC-18: exactly one hint, naming an enabled user.
        var subject = await ResolveUserAsync(client, p, cancellationToken);
        if (subject.Failed)
        {
            return Refused(subject.Error);
        }

        // BC-21, BC-22: the binding message can be shown as sent.
        if (p.BindingMessage is not null && BindingMessageValidator.Validate(p.BindingMessage) is { } bindingError)
        {
            return Refused(bindingError);
        }

        // BC-23, BC-24: the user code, when the client and the user use one.
        if (await CheckUserCodeAsync(client, subject.Value, p.UserCode, cancellationToken) is { } userCodeError)
        {
            return Refused(userCodeError);
        }

        // BC-25, BC-26: requested_expiry, a positive integer, capped by the server.
        var expiresIn = ReadExpiry(p.RequestedExpiry, limits);
        if (expiresIn.Failed)
        {
            return Refused(expiresIn.Error);
        }

        // BC-19, BC-20: a ping client's client_notification_token.
        if (client.Ciba.DeliveryMode == "ping" && CheckNotificationToken(p.ClientNotificationToken) is { } tokenError)
        {
            return Refused(tokenError);
        }

        // RFC 9396: authorization_details of registered types, each valid for its type (docs/security.md).
        string? details = null;
        if (p.AuthorizationDetailsClaim is not null || p.AuthorizationDetails is not null)
        {
            var checkedDetails = p.AuthorizationDetailsClaim is { } claim
                ? authorizationDetails.Validate(claim)
                : authorizationDetails.Validate(p.AuthorizationDetails!);
            if (checkedDetails.Failed)
            {
                return Refused(checkedDetails.Error);
            }

            details = checkedDetails.Value;
        }
        else if (spendingBounds.AnySpends(grant.Value.Scopes))
        {
            // A scope that spends money, asked for without authorization_details: one purchase up to the person's
            // spending limit (docs/device.md, "Spending limit"), so no token for it can buy without bound.
            details = spendingBounds.BoundFor(grant.Value.Scopes, await spendingLimits.GetAsync(subject.Value, cancellationToken));
        }

        // RFC 8707: the resource the token is for, among the client's registered ones.
        var resource = ResourceIndicator.Select(p.Resource, client.Resources);
        if (resource.Failed)
        {
            return Refused(resource.Error);
        }

        var request = new ValidatedBackchannelRequest
        {
            Resource = resource.Value,
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
        return new BackchannelValidation { Request = request, RequestObject = requestObject };
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
