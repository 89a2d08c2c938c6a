using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Data;

/// <summary>
/// Turns a database that is briefly away (<see cref="TransientDatabaseFault"/>) into 503 with <c>Retry-After</c>,
/// never a 500: the device API gets an RFC 9457 problem, the OAuth endpoints an OAuth error body
/// (<c>temporarily_unavailable</c>, RFC 6749 §4.1.2.1's code for a server that cannot serve now). Npgsql drops broken connections
/// from its pool, so the next request gets a fresh one and the instance recovers by itself.
/// </summary>
internal sealed partial class DatabaseUnavailableMiddleware(RequestDelegate next, ILogger<DatabaseUnavailableMiddleware> logger)
{
    private const string Description = "The server cannot reach its database right now; retry shortly.";

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (TransientDatabaseFault.Is(e) && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            DatabaseUnavailable(logger, http.Request.Path.Value ?? "", e.GetType().Name);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = TransientDatabaseFault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers.CacheControl = "no-store";
            if (http.Request.Path.StartsWithSegments("/device", StringComparison.Ordinal))
            {
                await Results.Problem(detail: Description, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database unavailable").ExecuteAsync(http);
            }
            else
            {
                await http.Response.WriteAsJsonAsync(new Dictionary<string, string>
                {
                    ["error"] = "temporarily_unavailable",
                    ["error_description"] = Description,
                });
            }
        }
    }

    [LoggerMessage(50, LogLevel.Warning, "Database unavailable while serving {Path} ({Reason}); answered 503 with Retry-After.")]
    private static partial void DatabaseUnavailable(ILogger logger, string path, string reason);
}
