using Mandate.Server.Configuration;
using Mandate.Server.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Endpoints;

/// <summary>
/// Answers input the server cannot read with the protocol's error instead of a 500 (<see cref="MalformedRequest"/>).
/// Under the issuer (token, backchannel, introspection, userinfo and any later endpoint there) a form post is read
/// here first — OpenIddict reads the form itself and lets the reader's exceptions escape — and one that cannot be read
/// is 400 (413 past the body limit) <c>invalid_request</c> (RFC 6749 §5.2; at userinfo also in a Bearer challenge,
/// RFC 6750 §3.1). Under <c>/device/api</c> a JSON body in a
/// charset .NET cannot decode is 415, a body the server refuses to read is an RFC 9457 problem with its status, and an
/// error the framework answered without a body (405) gets a problem too.
/// A read form is kept by ASP.NET Core, so the endpoint does not read the body again.
/// </summary>
internal sealed class MalformedInputMiddleware(RequestDelegate next, IOptions<MandateServerOptions> options, ILogger<MalformedInputMiddleware> logger)
{
    private const string DeviceApiPath = "/device/api";

    private readonly PathString _issuerPath = new("/" + options.Value.Issuer.AbsolutePath.Trim('/'));
    private readonly PathString _userInfoPath = new("/" + options.Value.EndpointPath(MandateEndpoints.UserInfo));

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var device = request.Path.StartsWithSegments(DeviceApiPath, StringComparison.Ordinal);
        if (!device && !IsUnderIssuer(request.Path))
        {
            await next(http);
            return;
        }

        int? refused = device ? CheckDeviceBody(request) : await ReadOAuthFormAsync(request);
        if (refused is null)
        {
            try
            {
                await next(http);
                if (device)
                {
                    await DescribeBareErrorAsync(http);
                }

                return;
            }
            catch (Exception e) when (MalformedRequest.StatusFor(e) is { } status && !http.Response.HasStarted)
            {
                Log.MalformedRequestRefused(logger, request.Path.Value ?? "", status, e.GetType().Name);
                refused = status;
            }
        }

        http.Response.Clear();
        http.Response.Headers.CacheControl = "no-store";
        if (!device && request.Path.Equals(_userInfoPath, StringComparison.Ordinal))
        {
            // Userinfo is a protected resource: its errors also go in a Bearer challenge (RFC 6750 §3, OIDC Core §5.3.3).
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_request\"";
        }

        var result = device
            ? Results.Problem(detail: MalformedRequest.ProblemDetail(refused.Value), statusCode: refused.Value)
            : OAuthResults.Json(MalformedRequest.OAuthError(refused.Value), http.Response);
        await result.ExecuteAsync(http);
    }

    private bool IsUnderIssuer(PathString path) => _issuerPath == "/" || path.StartsWithSegments(_issuerPath, StringComparison.Ordinal);

    /// <summary>Reads a form post; returns the status to refuse it with, or null when it was read (or is no form post).</summary>
    private async Task<int?> ReadOAuthFormAsync(HttpRequest request)
    {
        if (!MalformedRequest.IsFormPost(request.Method, request.ContentType))
        {
            return null;
        }

        if (!MalformedRequest.IsFormContentType(request.ContentType))
        {
            Log.MalformedRequestRefused(logger, request.Path.Value ?? "", StatusCodes.Status400BadRequest, "Content-Type");
            return StatusCodes.Status400BadRequest;
        }

        try
        {
            await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return null;
        }
        catch (Exception e) when (MalformedRequest.StatusFor(e) is { } status)
        {
            Log.MalformedRequestRefused(logger, request.Path.Value ?? "", status, e.GetType().Name);
            return status;
        }
    }

    /// <summary>An error the framework answered without a body (405 for a method the route does not take) gets an
    /// RFC 9457 problem, like every other device API error.</summary>
    private static async Task DescribeBareErrorAsync(HttpContext http)
    {
        var response = http.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await Results.Problem(statusCode: response.StatusCode).ExecuteAsync(http);
        }
    }

    private int? CheckDeviceBody(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || MalformedRequest.HasDecodableCharset(request.ContentType))
        {
            return null;
        }

        Log.MalformedRequestRefused(logger, request.Path.Value ?? "", StatusCodes.Status415UnsupportedMediaType, "charset");
        return StatusCodes.Status415UnsupportedMediaType;
    }
}
