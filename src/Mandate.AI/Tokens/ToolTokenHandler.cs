using System.Net.Http.Headers;

namespace Mandate.AI.Tokens;

/// <summary>
/// An <see cref="HttpClient"/> handler that sends the current tool call's token as
/// <c>Authorization: Bearer</c> (RFC 6750 §2.1). Add it only to clients of the API the tokens are for
/// (<c>AddToolAccessToken()</c> on the client's builder). A request that already has an <c>Authorization</c>
/// header, or that runs outside an authorized tool call, is sent unchanged.
/// </summary>
public sealed class ToolTokenHandler : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Authorization is null && ToolTokenAccessor.Current is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
