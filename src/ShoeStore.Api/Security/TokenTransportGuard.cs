using Microsoft.Net.Http.Headers;

namespace ShoeStore.Api.Security;

/// <summary>
/// RFC 6750 §2: a client must not send the token in more than one way. A request with a Bearer header and
/// also <c>access_token</c> in the query or a form body, or with more than one Authorization header, gets
/// 400 <c>invalid_request</c>. A token only in the query or body is not read (§2.2–2.3 are not supported).
/// </summary>
internal sealed class TokenTransportGuard(RequestDelegate next)
{
    private const string AccessTokenParameter = "access_token";

    public async Task InvokeAsync(HttpContext context)
    {
        var authorization = context.Request.Headers[HeaderNames.Authorization];
        if (authorization.Count > 1)
        {
            await BearerResponses.InvalidRequestAsync(context, "Send one Authorization header");
            return;
        }

        var methods = 0;
        if (authorization.Count == 1 && authorization[0]!.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            methods++;
        }

        if (context.Request.Query.ContainsKey(AccessTokenParameter))
        {
            methods++;
        }

        if (methods > 0 && context.Request.HasFormContentType && await FormHasTokenAsync(context))
        {
            methods++;
        }

        if (methods > 1)
        {
            await BearerResponses.InvalidRequestAsync(context, "The access token was sent in more than one way; use only the Authorization header");
            return;
        }

        await next(context);
    }

    private static async Task<bool> FormHasTokenAsync(HttpContext context)
    {
        try
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            return form.ContainsKey(AccessTokenParameter);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return false;
        }
    }
}
