using Mandate.Server.Configuration;
using Mandate.Server.Endpoints;
using Mandate.Server.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Authentication;

/// <summary>
/// The start every client-authenticated endpoint shares (token, backchannel authentication, revocation, introspection):
/// TLS outside development (<c>invalid_request</c>) → the form (<see cref="FormReader"/>: POST, form-urlencoded, each
/// parameter once; RFC 6749 §3.2) → <see cref="ClientAuthenticator"/> (RFC 6749 §2.3, RFC 7523 §2.2).
/// </summary>
internal sealed class ClientRequestReader(ClientAuthenticator authenticator, IOptions<MandateServerOptions> options)
{
    /// <summary>Reads and authenticates the request.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="transportRule">The spec section that requires TLS at this endpoint, for the error description.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<ClientRequest> ReadAsync(HttpRequest request, string transportRule, CancellationToken cancellationToken)
    {
        if (!request.IsHttps && !options.Value.IsDevelopmentTransport)
        {
            return ClientRequest.Refused(OAuthError.InvalidRequest("This endpoint requires HTTPS (" + transportRule + ")."));
        }

        var form = await FormReader.ReadAsync(request, cancellationToken);
        if (form.Failed)
        {
            return ClientRequest.Refused(form.Error);
        }

        var credentials = FormReader.ReadClientCredentials(request, form.Value);
        var client = await authenticator.AuthenticateAsync(credentials, cancellationToken);
        return client.Failed
            ? ClientRequest.Refused(client.Error, credentials.TriedBasic)
            : new ClientRequest(form.Value, client.Value, null, false);
    }
}
