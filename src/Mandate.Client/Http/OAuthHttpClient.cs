using System.Net;
using System.Net.Http.Headers;
using Mandate.Client.Authentication;
using Mandate.Client.Ciba;
using Mandate.Client.Discovery;
using Mandate.Client.Logging;
using Microsoft.Extensions.Logging;

namespace Mandate.Client.Http;

/// <summary>
/// The typed HTTP client (over <c>IHttpClientFactory</c>) for the token, backchannel and discovery endpoints.
/// Each attempt has a time-out. Token requests (including CIBA polls) and discovery are retried on transient failures
/// (network error, time-out, 408, 429, 5xx) with exponential back-off or the server's <c>Retry-After</c> (CIBA Core §10.1
/// allows 503 + Retry-After); a backchannel authentication request is sent exactly once, since a repeat would notify the
/// person twice.
/// </summary>
internal sealed class OAuthHttpClient
{
    private readonly HttpClient _http;
    private readonly ClientAuthenticator _authenticator;
    private readonly MandateClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public OAuthHttpClient(HttpClient http, ClientAuthenticator authenticator, IOptions<MandateClientOptions> options, TimeProvider time,
        ILogger<OAuthHttpClient> logger)
    {
        _http = http;
        _authenticator = authenticator;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>POSTs a token request (RFC 6749 §4.4.2, CIBA Core §10.1) and returns the token or the OAuth error value.</summary>
    public async Task<TokenEndpointResult> RequestTokenAsync(Uri tokenEndpoint, IReadOnlyList<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync("token endpoint", () => _authenticator.CreateRequest(tokenEndpoint, parameters, tokenEndpoint),
            retry: true, cancellationToken).ConfigureAwait(false);
        var receivedAt = _time.GetUtcNow();
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return TokenEndpointResult.Success(OAuthResponseParser.ParseToken(body, receivedAt));
        }

        return OAuthResponseParser.TryParseError(body, (int)response.StatusCode, out var error)
            ? TokenEndpointResult.Failure(error)
            : throw Unexpected("token endpoint", response.StatusCode);
    }

    /// <summary>POSTs a signed backchannel authentication request (CIBA Core §7.1.1), once, never retried.</summary>
    public async Task<BackchannelAuthenticationResponse> RequestBackchannelAuthenticationAsync(Uri endpoint, string requestObject,
        Uri tokenEndpoint, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] parameters = [new("request", requestObject)];
        using var response = await SendAsync("backchannel authentication endpoint",
            () => _authenticator.CreateRequest(endpoint, parameters, tokenEndpoint), retry: false, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return OAuthResponseParser.ParseBackchannel(body);
        }

        if (OAuthResponseParser.TryParseError(body, (int)response.StatusCode, out var error))
        {
            Log.CibaRefused(_logger, error.Error);
            throw error.ToException();
        }

        throw Unexpected("backchannel authentication endpoint", response.StatusCode);
    }

    /// <summary>GETs <c>{issuer}/.well-known/openid-configuration</c> (OpenID Connect Discovery 1.0 §4).</summary>
    public async Task<ProviderMetadata> GetProviderMetadataAsync(string issuer, CancellationToken cancellationToken)
    {
        var address = new Uri(issuer.TrimEnd('/') + "/.well-known/openid-configuration", UriKind.Absolute);
        using var response = await SendAsync("discovery endpoint", () => new HttpRequestMessage(HttpMethod.Get, address),
            retry: true, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Unexpected("discovery endpoint", response.StatusCode);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var metadata = OAuthResponseParser.ParseMetadata(body, issuer);
        Log.DiscoveryFetched(_logger, issuer);
        return metadata;
    }

    internal static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The wait before retry <paramref name="attempt"/> (0-based): <c>Retry-After</c> if given, else base × 2^attempt; capped.</summary>
    internal static TimeSpan RetryDelay(HttpResponseMessage? response, int attempt, MandateClientOptions options, DateTimeOffset now)
    {
        TimeSpan? retryAfter = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
        var delay = retryAfter ?? options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt, 16));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
    }

    private async Task<HttpResponseMessage> SendAsync(string endpointName, Func<HttpRequestMessage> createRequest, bool retry,
        CancellationToken cancellationToken)
    {
        var maxRetries = retry ? Math.Max(0, _options.MaxRetries) : 0;
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage? response = null;
            string reason;
            try
            {
                response = await SendOnceAsync(endpointName, createRequest, cancellationToken).ConfigureAwait(false);
                if (!IsTransient(response.StatusCode) || attempt >= maxRetries)
                {
                    return response;
                }

                reason = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when ((e is HttpRequestException or TimeoutException) && attempt < maxRetries)
            {
                reason = e is TimeoutException ? "time-out" : "network error";
            }

            var delay = RetryDelay(response, attempt, _options, _time.GetUtcNow());
            response?.Dispose();
            Log.Retrying(_logger, endpointName, attempt + 1, reason, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(string endpointName, Func<HttpRequestMessage> createRequest,
        CancellationToken cancellationToken)
    {
        using var request = createRequest();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_options.HttpTimeout == Timeout.InfiniteTimeSpan)
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(_options.HttpTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The {endpointName} did not answer within {_options.HttpTimeout.TotalSeconds:0.###} s.", e);
        }
    }

    private static HttpRequestException Unexpected(string endpointName, HttpStatusCode status) =>
        new($"The {endpointName} answered HTTP {(int)status} without an OAuth error body.", null, status);
}
