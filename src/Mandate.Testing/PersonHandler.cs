using System.Net;
using System.Text;
using Mandate.Server.Configuration;

namespace Mandate.Testing;

/// <summary>
/// Between the agent and the in-process server: after an accepted backchannel authentication request the person looks
/// at their device; before a CIBA poll the person gives the answer that is due (or the poll is answered
/// <c>slow_down</c>). Everything else passes through untouched.
/// </summary>
internal sealed class PersonHandler(VirtualPerson person, string backchannelPath, string tokenPath) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath;
        if (path == tokenPath && request.Content is not null
            && await CibaPollAsync(request.Content, cancellationToken).ConfigureAwait(false) is { } authReqId
            && await person.PolledAsync(authReqId, cancellationToken).ConfigureAwait(false))
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                RequestMessage = request,
                Content = new StringContent("""{"error":"slow_down","error_description":"The virtual person asks to slow down."}""",
                    Encoding.UTF8, "application/json"),
            };
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (path == backchannelPath && response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (body.RootElement.TryGetProperty("auth_req_id", out var id) && id.GetString() is { } accepted)
            {
                await person.AskedAsync(accepted, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    /// <summary>The <c>auth_req_id</c> of a CIBA token request, or null for any other token request.</summary>
    private static async Task<string?> CibaPollAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var form = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var fields = form.Split('&').Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToLookup(pair => Uri.UnescapeDataString(pair[0].Replace('+', ' ')), pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')), StringComparer.Ordinal);
        return fields["grant_type"].FirstOrDefault() == MandateEndpoints.CibaGrantType ? fields["auth_req_id"].FirstOrDefault() : null;
    }
}
