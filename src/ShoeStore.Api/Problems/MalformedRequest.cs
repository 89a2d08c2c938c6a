namespace ShoeStore.Api.Problems;

/// <summary>
/// Whether an exception thrown while a request was read is the client's fault: a body the server refuses to read
/// (<see cref="BadHttpRequestException"/>: broken chunked framing, past the size limit) or a form it cannot parse
/// (<see cref="InvalidDataException"/>: invalid characters, over ASP.NET Core's form limits). Those are 4xx RFC 9457
/// problems; anything else stays a 500.
/// </summary>
internal static class MalformedRequest
{
    /// <summary>The 4xx status for the exception, or null when it is not about the request.</summary>
    public static int? StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,
        _ => null,
    };
}
