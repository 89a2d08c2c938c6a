using System.Text;
using Mandate.Server.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mandate.Server.Endpoints;

/// <summary>
/// Decides whether a request that could not be read is the client's fault, and what to answer: a form the server
/// cannot read (invalid characters such as NUL, over ASP.NET Core's form limits — a key over 2,048 characters, over
/// 1,024 fields, a value over 4 MiB) or a body the server refuses to read is a 4xx, never a 500. OAuth endpoints answer
/// with an RFC 6749 §5.2 error (<c>invalid_request</c>), the device API with an RFC 9457 problem.
/// </summary>
internal static class MalformedRequest
{
    private const string FormMediaType = "application/x-www-form-urlencoded";

    /// <summary>
    /// The HTTP status for an exception thrown while the request was read, or null when the exception is not about
    /// the request (a fault of the server, which stays a 500). <see cref="BadHttpRequestException"/> keeps its own
    /// status (413 past the body size limit, 400 for bad framing); <see cref="InvalidDataException"/> — what the form
    /// reader throws for invalid characters and past its limits — is 400.
    /// </summary>
    public static int? StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,
        _ => null,
    };

    /// <summary>
    /// Whether OpenIddict or <see cref="FormReader"/> will read this request's body as a form: a POST whose
    /// <c>Content-Type</c> starts with <c>application/x-www-form-urlencoded</c> (RFC 6749 §3.2 and §4.4.2; the
    /// check they make, by prefix).
    /// </summary>
    public static bool IsFormPost(string method, string? contentType) =>
        HttpMethods.IsPost(method) && contentType?.StartsWith(FormMediaType, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Whether a form post's <c>Content-Type</c> is one the form reader accepts: it parses (RFC 9110 §8.3) and names
    /// exactly <c>application/x-www-form-urlencoded</c>. A prefix match that is not (<c>…-urlencodedx</c>, an unclosed
    /// quote) would make the reader throw.
    /// </summary>
    public static bool IsFormContentType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(FormMediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a JSON body with this <c>Content-Type</c> can be decoded: no <c>charset</c>, or one .NET knows
    /// (RFC 8259 §8.1 asks for UTF-8). An unknown charset makes <c>ReadFromJsonAsync</c> throw.
    /// </summary>
    public static bool HasDecodableCharset(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || parsed.Charset.Length == 0)
        {
            return true;
        }

        try
        {
            _ = Encoding.GetEncoding(parsed.Charset.Value!);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The OAuth error for a form that cannot be read (RFC 6749 §5.2, <c>invalid_request</c>), with the status.</summary>
    public static OAuthError OAuthError(int status) => status == StatusCodes.Status413PayloadTooLarge
        ? new OAuthError("invalid_request", "The request body is larger than the server accepts.", status)
        : new OAuthError("invalid_request", "The request body is not a form the server can read (invalid characters, bad encoding or over the form limits).", status);

    /// <summary>The problem detail (RFC 9457 §3.1.4) for a device API request that cannot be read.</summary>
    public static string ProblemDetail(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than the server accepts.",
        StatusCodes.Status415UnsupportedMediaType => "Send application/json in UTF-8.",
        _ => "The request could not be read.",
    };
}
