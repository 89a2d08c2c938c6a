using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>
/// An HTTP handler on every client of the agent: keeps the grant type of each token request and every secret that
/// crosses the wire — client credentials in Basic authentication, bearer tokens, the form's <c>client_secret</c>,
/// <c>client_assertion</c>, <c>auth_req_id</c>, <c>password</c> and signed <c>request</c> object, and the
/// <c>access_token</c>, <c>id_token</c>, <c>refresh_token</c> and <c>auth_req_id</c> of every answer.
/// </summary>
internal sealed class SecretRecorder
{
    private static readonly string[] SecretFields = ["access_token", "id_token", "refresh_token", "auth_req_id"];
    private static readonly string[] SecretFormFields = ["request", "client_secret", "client_assertion", "auth_req_id", "password", "refresh_token"];

    private readonly ConcurrentQueue<string> _secrets = new();
    private readonly ConcurrentQueue<string> _grantTypes = new();
    private readonly ConcurrentQueue<string> _accessTokens = new();
    private readonly ConcurrentQueue<string> _requestObjects = new();
    private readonly ConcurrentQueue<string> _authReqIds = new();

    public IReadOnlyCollection<string> Secrets => _secrets;

    /// <summary>The <c>grant_type</c> of each token request, in order.</summary>
    public IReadOnlyCollection<string> GrantTypes => _grantTypes;

    /// <summary>Every access token issued to the agent, in order.</summary>
    public IReadOnlyCollection<string> AccessTokens => _accessTokens;

    /// <summary>Every signed request object the agent sent (CIBA Core §7.1.1), in order.</summary>
    public IReadOnlyCollection<string> RequestObjects => _requestObjects;

    /// <summary>Every <c>auth_req_id</c> the server issued to the agent, in order.</summary>
    public IReadOnlyCollection<string> AuthReqIds => _authReqIds;

    /// <summary>Adds a secret known in advance (the client secret, the signing key, the password).</summary>
    public void Add(string secret) => _secrets.Enqueue(secret);

    public DelegatingHandler CreateHandler() => new Handler(this);

    private sealed class Handler(SecretRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is { Parameter: { Length: > 0 } parameter } authorization)
            {
                recorder.Add(parameter);
                if (authorization.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
                {
                    var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                    recorder.Add(Uri.UnescapeDataString(pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..]));
                }
            }

            if (request.Content is FormUrlEncodedContent form)
            {
                var body = await form.ReadAsStringAsync(cancellationToken);
                foreach (var pair in body.Split('&'))
                {
                    var (name, value) = pair.IndexOf('=', StringComparison.Ordinal) is var at and >= 0
                        ? (pair[..at], Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' ')))
                        : (pair, "");
                    if (name == "grant_type")
                    {
                        recorder._grantTypes.Enqueue(value);
                    }
                    else if (SecretFormFields.Contains(name) && value.Length > 0)
                    {
                        recorder.Add(value);
                        if (name == "request")
                        {
                            recorder._requestObjects.Enqueue(value);
                        }
                    }
                }
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: "application/json" })
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var json = await response.Content.ReadAsStringAsync(cancellationToken);
                Record(json);
            }

            return response;
        }

        private void Record(string json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return;
                }

                foreach (var field in SecretFields)
                {
                    if (document.RootElement.TryGetProperty(field, out var value) && value.GetString() is { Length: > 0 } secret)
                    {
                        recorder.Add(secret);
                        if (field == "access_token")
                        {
                            recorder._accessTokens.Enqueue(secret);
                        }
                        else if (field == "auth_req_id")
                        {
                            recorder._authReqIds.Enqueue(secret);
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: nothing to record.
            }
        }
    }
}
