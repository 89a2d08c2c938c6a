using System.Text.Json.Nodes;
using Mandate.AI.Tokens;
using Mandate.Client.Ciba;
using Mandate.Client.ClientCredentials;
using Mandate.Client.Configuration;
using Mandate.Client.Tokens;
using Microsoft.Extensions.Options;

namespace Mandate.AI.MandateClient;

/// <summary>
/// The <see cref="IToolTokenSource"/> backed by Mandate.Client: Client Credentials through
/// <see cref="IClientCredentialsClient"/> (which caches), on-behalf-of tokens through <see cref="ICibaClient"/>
/// (signed request object, poll or ping), also in two steps for approvals kept across restarts. Mandate.Client's
/// <see cref="OAuthException"/> becomes an error value.
/// </summary>
public sealed class MandateClientTokenSource : IResumableUserTokenSource
{
    private readonly Func<IClientCredentialsClient> _clientCredentials;
    private readonly Func<ICibaClient> _ciba;
    private readonly IOptions<MandateClientOptions> _options;

    /// <summary>Creates the source over fixed client instances (tests, simple hosts).</summary>
    /// <param name="clientCredentials">Mandate.Client's Client Credentials client.</param>
    /// <param name="ciba">Mandate.Client's CIBA client.</param>
    /// <param name="options">Mandate.Client's options (for the client id).</param>
    public MandateClientTokenSource(IClientCredentialsClient clientCredentials, ICibaClient ciba, IOptions<MandateClientOptions> options)
        : this(() => clientCredentials, () => ciba, options)
    {
        ArgumentNullException.ThrowIfNull(clientCredentials);
        ArgumentNullException.ThrowIfNull(ciba);
    }

    /// <summary>
    /// Creates the source over client factories, called once per token request, so that the clients' pooled
    /// <c>HttpClient</c>s are renewed as <c>IHttpClientFactory</c> intends even though the source lives as long as the app.
    /// </summary>
    /// <param name="clientCredentials">Gets Mandate.Client's Client Credentials client.</param>
    /// <param name="ciba">Gets Mandate.Client's CIBA client.</param>
    /// <param name="options">Mandate.Client's options (for the client id).</param>
    public MandateClientTokenSource(Func<IClientCredentialsClient> clientCredentials, Func<ICibaClient> ciba, IOptions<MandateClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(clientCredentials);
        ArgumentNullException.ThrowIfNull(ciba);
        ArgumentNullException.ThrowIfNull(options);
        _clientCredentials = clientCredentials;
        _ciba = ciba;
        _options = options;
    }

    /// <inheritdoc />
    public string ClientId => _options.Value.ClientId
        ?? throw new InvalidOperationException("The agent's client id is not set: set PINGONE_CLIENT_ID (Mandate:Client:ClientId).");

    /// <inheritdoc />
    public async ValueTask<ToolTokenResult> GetClientTokenAsync(ClientTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var response = await _clientCredentials().GetTokenAsync(string.Join(' ', request.Scopes), request.Resource, cancellationToken)
                .ConfigureAwait(false);
            return ToolTokenResult.Success(ToToken(response));
        }
        catch (OAuthException exception)
        {
            return ToolTokenResult.Failure(exception.Error, exception.ErrorDescription);
        }
    }

    /// <inheritdoc />
    public async Task<ToolTokenResult> GetUserTokenAsync(
        UserTokenRequest request, IProgress<UserTokenProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backchannelRequest = ToBackchannelRequest(request);
        var relay = progress is null ? null : new RequestedRelay(progress);
        try
        {
            var response = await _ciba().AuthenticateAsync(backchannelRequest, relay, cancellationToken).ConfigureAwait(false);
            return ToolTokenResult.Success(ToToken(response));
        }
        catch (OAuthException exception)
        {
            return ToolTokenResult.Failure(exception.Error, exception.ErrorDescription);
        }
    }

    /// <inheritdoc />
    public async Task<UserApprovalRequestResult> RequestUserApprovalAsync(UserTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var pending = await _ciba().SendAsync(ToBackchannelRequest(request), cancellationToken).ConfigureAwait(false);
            return UserApprovalRequestResult.Success(
                new PendingUserApproval(pending.AuthReqId, pending.Deadline, pending.Interval, pending.ClientNotificationToken));
        }
        catch (OAuthException exception)
        {
            return UserApprovalRequestResult.Failure(exception.Error, exception.ErrorDescription);
        }
    }

    /// <inheritdoc />
    public async Task<ToolTokenResult> WaitForUserTokenAsync(PendingUserApproval pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        try
        {
            var response = await _ciba().WaitForTokenAsync(
                new CibaPendingRequest(pending.AuthReqId, pending.ExpiresAt, pending.Interval, pending.ClientNotificationToken),
                progress: null, cancellationToken).ConfigureAwait(false);
            return ToolTokenResult.Success(ToToken(response));
        }
        catch (OAuthException exception)
        {
            return ToolTokenResult.Failure(exception.Error, exception.ErrorDescription);
        }
    }

    private static BackchannelAuthenticationRequest ToBackchannelRequest(UserTokenRequest request) => new()
    {
        LoginHint = request.LoginHint,
        Scopes = request.Scopes,
        BindingMessage = request.BindingMessage,
        Resource = request.Resource,
        AuthorizationDetails = request.AuthorizationDetails is { } details ? JsonNode.Parse(details.GetRawText())!.AsArray() : null,
    };

    private static ToolAccessToken ToToken(TokenResponse response) => new(response.AccessToken, response.ExpiresAt, response.Scope);

    /// <summary>Passes on the acknowledgement (CIBA Core §7.3) with its deadline; the other steps are Mandate.Client's business.</summary>
    private sealed class RequestedRelay(IProgress<UserTokenProgress> progress) : IProgress<CibaProgress>
    {
        public void Report(CibaProgress value)
        {
            if (value.Kind == CibaProgressKind.Requested)
            {
                progress.Report(new UserTokenProgress(value.Deadline));
            }
        }
    }
}
