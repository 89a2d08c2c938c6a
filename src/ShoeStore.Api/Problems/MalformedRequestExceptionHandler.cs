using Microsoft.AspNetCore.Diagnostics;

namespace ShoeStore.Api.Problems;

/// <summary>
/// Answers a request the server could not read (<see cref="MalformedRequest"/>) with an RFC 9457 problem: 413
/// <c>payload-too-large</c> past the body limit, otherwise its 4xx <c>invalid-request</c>. Being an
/// <see cref="IExceptionHandler"/>, the exception handler middleware does not log it as an unhandled error (it is the
/// client's input, not a fault); every other exception is left to the default 500 problem and is logged.
/// </summary>
internal sealed class MalformedRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (MalformedRequest.StatusFor(exception) is not { } status)
        {
            return false;
        }

        var problem = status == StatusCodes.Status413PayloadTooLarge
            ? StoreProblems.Problem(status, ProblemTypes.PayloadTooLarge, "Request body too large", "The request body is larger than the server accepts.")
            : StoreProblems.Problem(status, ProblemTypes.InvalidRequest, "Invalid request", "The request could not be read (malformed body or framing).");
        await problem.ExecuteAsync(httpContext);
        return true;
    }
}
