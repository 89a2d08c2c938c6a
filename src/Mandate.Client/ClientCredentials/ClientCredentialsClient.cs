using System.Diagnostics;
using Mandate.Client.Diagnostics;
using Mandate.Client.Discovery;
using Mandate.Client.Http;
using Mandate.Client.Logging;
using Microsoft.Extensions.Logging;

namespace Mandate.Client.ClientCredentials;

/// <summary>
/// The Client Credentials grant (RFC 6749 §4.4) with a token cache keyed by (token endpoint, client, sorted scopes,
/// resource). A token is served until <c>expires_in</c> minus <see cref="MandateClientOptions.TokenExpirySkew"/>;
/// a token without <c>expires_in</c> is not kept. Concurrent callers for one key share one request; failures are not
/// cached. A cache hit makes no HTTP request and completes synchronously.
/// </summary>
internal sealed class ClientCredentialsClient : IClientCredentialsClient
{
    private readonly OAuthHttpClient _http;
    private readonly EndpointResolver _endpoints;
    private readonly ClientCredentialsTokenCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _clientId;
    private readonly TimeSpan _skew;

    internal ClientCredentialsClient(OAuthHttpClient http, EndpointResolver endpoints, ClientCredentialsTokenCache cache,
        IOptions<MandateClientOptions> options, TimeProvider time, ILogger<ClientCredentialsClient> logger)
    {
        _http = http;
        _endpoints = endpoints;
        _cache = cache;
        _time = time;
        _logger = logger;
        _clientId = options.Value.ClientId ?? throw new InvalidOperationException(
            $"{PingOneEnvironment.Describe(nameof(MandateClientOptions.ClientId))} is missing.");
        _skew = options.Value.TokenExpirySkew;
    }

    /// <inheritdoc />
    public ValueTask<TokenResponse> GetTokenAsync(string scope, string? resource = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var normalized = ScopeSet.Normalize(scope);
        if (resource is not null && (!Uri.TryCreate(resource, UriKind.Absolute, out var resourceUri) || resourceUri.Fragment.Length > 0))
        {
            throw new ArgumentException("A resource indicator must be an absolute URI without a fragment (RFC 8707 §2).", nameof(resource));
        }

        var endpoints = _endpoints.ResolveAsync(_http, cancellationToken);
        if (endpoints.IsCompletedSuccessfully)
        {
            var key = new ClientCredentialsCacheKey(endpoints.Result.TokenEndpointKey, _clientId, normalized, resource);
            if (_cache.TryGet(key, _time.GetUtcNow(), out var token))
            {
                Log.CacheHit(_logger, normalized);
                return new ValueTask<TokenResponse>(token);
            }

            return new ValueTask<TokenResponse>(FetchAsync(endpoints.Result, key, cancellationToken));
        }

        return SlowAsync(endpoints, normalized, resource, cancellationToken);
    }

    /// <summary>Returns a token for a set of scopes; see <see cref="GetTokenAsync(string, string?, CancellationToken)"/>.</summary>
    /// <param name="scopes">The scopes.</param>
    /// <param name="resource">OPTIONAL. An RFC 8707 resource indicator.</param>
    /// <param name="cancellationToken">Stops this caller's wait.</param>
    /// <returns>The token.</returns>
    public ValueTask<TokenResponse> GetTokenAsync(IEnumerable<string> scopes, string? resource = null, CancellationToken cancellationToken = default) =>
        GetTokenAsync(ScopeSet.Join(scopes), resource, cancellationToken);

    /// <summary>Drops every cached token, e.g. after the API refused one.</summary>
    public void ClearCache() => _cache.Clear();

    private async ValueTask<TokenResponse> SlowAsync(ValueTask<ClientEndpoints> pending, string scope, string? resource,
        CancellationToken cancellationToken)
    {
        var endpoints = await pending.ConfigureAwait(false);
        var key = new ClientCredentialsCacheKey(endpoints.TokenEndpointKey, _clientId, scope, resource);
        return _cache.TryGet(key, _time.GetUtcNow(), out var token)
            ? token
            : await FetchAsync(endpoints, key, cancellationToken).ConfigureAwait(false);
    }

    private Task<TokenResponse> FetchAsync(ClientEndpoints endpoints, ClientCredentialsCacheKey key, CancellationToken cancellationToken) =>
        _cache.GetOrFetch(key, () => RequestAsync(endpoints.TokenEndpoint, key), RefreshAt, _time.GetUtcNow()).WaitAsync(cancellationToken);

    private async Task<TokenResponse> RequestAsync(Uri tokenEndpoint, ClientCredentialsCacheKey key)
    {
        Log.RequestingClientCredentials(_logger, key.Scope);
        var parameters = new List<KeyValuePair<string, string>>(3) { new("grant_type", "client_credentials") };
        if (key.Scope.Length > 0)
        {
            parameters.Add(new("scope", key.Scope));
        }

        if (key.Resource is not null)
        {
            parameters.Add(new("resource", key.Resource));
        }

        using var activity = MandateClientTelemetry.Source.StartActivity("oauth.client_credentials", ActivityKind.Client);
        activity?.SetTag("oauth.client_id", _clientId);
        activity?.SetTag("oauth.scope", key.Scope);

        // The shared request does not follow one caller's cancellation; time-outs and retries bound it.
        var result = await _http.RequestTokenAsync(tokenEndpoint, parameters, CancellationToken.None).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            Log.ClientCredentialsFailed(_logger, result.Error.Error);
            MandateClientTelemetry.Failed(activity, result.Error.Error);
        }

        return result.GetTokenOrThrow();
    }

    private DateTimeOffset? RefreshAt(TokenResponse token) =>
        token.ExpiresAt is { } expiresAt && token.ExpiresIn > _skew ? expiresAt - _skew : null;
}
