using System.Net.Http.Headers;
using System.Text;

namespace Mandate.Client.Authentication;

/// <summary>
/// Builds a POST to the token or backchannel endpoint with the client's authentication (CIBA Core §7.1 uses the
/// token endpoint's method): <c>client_secret_basic</c> (RFC 6749 §2.3.1, id and secret form-encoded before Base64),
/// <c>client_secret_post</c>, or <c>private_key_jwt</c> (RFC 7523 §2.2 and §3: fresh <c>jti</c>, short <c>exp</c>,
/// <c>aud</c> = the token endpoint, which CIBA Core §7.1 also makes acceptable at the backchannel endpoint).
/// </summary>
internal sealed class ClientAuthenticator
{
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly MandateClientOptions _options;
    private readonly SigningKeyProvider _keys;
    private readonly TimeProvider _time;
    private readonly AuthenticationHeaderValue? _basic;

    public ClientAuthenticator(IOptions<MandateClientOptions> options, SigningKeyProvider keys, TimeProvider time)
    {
        _options = options.Value;
        _keys = keys;
        _time = time;
        Method = _options.TokenEndpointAuthMethod ??
            (_options.ClientSecret is null ? TokenEndpointAuthMethods.PrivateKeyJwt : TokenEndpointAuthMethods.ClientSecretBasic);
        if (Method == TokenEndpointAuthMethods.ClientSecretBasic && _options.ClientId is { } id && _options.ClientSecret is { } secret)
        {
            _basic = new AuthenticationHeaderValue("Basic", EncodeBasicCredentials(id, secret));
        }
    }

    /// <summary>The method in use (a <see cref="TokenEndpointAuthMethods"/> value).</summary>
    public string Method { get; }

    /// <summary>RFC 6749 §2.3.1: Base64 of <c>urlencode(client_id) ":" urlencode(client_secret)</c>.</summary>
    public static string EncodeBasicCredentials(string clientId, string clientSecret) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FormUrlEncoding.Encode(clientId)}:{FormUrlEncoding.Encode(clientSecret)}"));

    /// <summary>A POST of <paramref name="parameters"/> as a form, authenticated. Build one per attempt: each carries a fresh assertion.</summary>
    public HttpRequestMessage CreateRequest(Uri endpoint, IEnumerable<KeyValuePair<string, string>> parameters, Uri tokenEndpoint)
    {
        var form = new List<KeyValuePair<string, string>>(parameters);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        var clientId = _options.ClientId ?? throw Missing(nameof(MandateClientOptions.ClientId));
        switch (Method)
        {
            case TokenEndpointAuthMethods.ClientSecretBasic:
                request.Headers.Authorization = _basic ?? throw Missing(nameof(MandateClientOptions.ClientSecret));
                break;
            case TokenEndpointAuthMethods.ClientSecretPost:
                form.Add(new("client_id", clientId));
                form.Add(new("client_secret", _options.ClientSecret ?? throw Missing(nameof(MandateClientOptions.ClientSecret))));
                break;
            case TokenEndpointAuthMethods.PrivateKeyJwt:
                form.Add(new("client_id", clientId));
                form.Add(new("client_assertion_type", JwtBearerAssertionType));
                form.Add(new("client_assertion", CreateClientAssertion(clientId, tokenEndpoint)));
                break;
            default:
                throw new InvalidOperationException($"Unsupported token endpoint auth method '{Method}'.");
        }

        request.Content = new FormUrlEncodedContent(form);
        return request;
    }

    /// <summary>RFC 7523 §3: <c>iss</c> = <c>sub</c> = client id, <c>aud</c> = token endpoint, fresh <c>jti</c>, short <c>exp</c>.</summary>
    public string CreateClientAssertion(string clientId, Uri tokenEndpoint)
    {
        var key = _keys.GetRequired("private_key_jwt signs the client assertion with it");
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var lifetime = (long)_options.ClientAssertionLifetime.TotalSeconds;
        return JwtWriter.Sign(key, writer =>
        {
            writer.WriteString("iss", clientId);
            writer.WriteString("sub", clientId);
            writer.WriteString("aud", tokenEndpoint.OriginalString);
            writer.WriteString("jti", JwtWriter.NewJti());
            writer.WriteNumber("iat", now);
            writer.WriteNumber("exp", now + lifetime);
        });
    }

    private static InvalidOperationException Missing(string property) =>
        new($"{PingOneEnvironment.Describe(property)} is missing: client authentication needs it.");
}
