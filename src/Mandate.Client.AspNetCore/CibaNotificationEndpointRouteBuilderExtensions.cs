using System.Diagnostics.CodeAnalysis;
using Mandate.Client.Ciba.Ping;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the CIBA client notification endpoint (CIBA Core §10.2) for hosted agents in ping mode. The receiver it serves
/// is the one <c>AddMandateClient</c> registers, so pings wake the calls of that host's <c>ICibaClient</c>.
/// </summary>
public static class CibaNotificationEndpointRouteBuilderExtensions
{
    /// <summary>The largest notification body read; the OP sends only <c>{"auth_req_id": "…"}</c>.</summary>
    internal const int MaxBodyBytes = 8 * 1024;

    /// <summary>
    /// Maps <c>POST {pattern}</c> to <see cref="CibaNotificationReceiver"/>: 204 for a valid ping, 401 (with
    /// <c>WWW-Authenticate: Bearer</c>) for a missing or wrong token or a mismatched <c>auth_req_id</c>, 400 for a
    /// malformed body. Register the same URL (HTTPS, CIBA Core §9) as the client's
    /// <c>backchannel_client_notification_endpoint</c>. The endpoint authenticates the OP by its bearer token, so it
    /// allows anonymous requests as far as the host's authorization is concerned.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, e.g. <c>/ciba/notify</c>.</param>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapCibaNotifications(this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string pattern = "/ciba/notify")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(pattern, HandleAsync).AllowAnonymous();
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var receiver = context.RequestServices.GetRequiredService<CibaNotificationReceiver>();
        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var authorization = context.Request.Headers.Authorization.Count == 1 ? context.Request.Headers.Authorization[0] : null;
        var result = body is null ? CibaNotificationResult.BadRequest : receiver.Receive(authorization, body.Value);
        if (result == CibaNotificationResult.Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = authorization is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        }

        context.Response.StatusCode = (int)result;
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length > MaxBodyBytes ? null : buffer.AsMemory(0, length);
    }
}
