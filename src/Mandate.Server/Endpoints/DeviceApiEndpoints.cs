using System.Security.Claims;
using System.Text.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Data;
using Mandate.Server.Device;
using Mandate.Server.Logging;
using Mandate.Server.Passkeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Endpoints;

/// <summary>
/// The device JSON API (docs/device.md). Every call except sign-in needs the session cookie (401
/// otherwise); state-changing calls need <c>Content-Type: application/json</c> (415 otherwise), which together with
/// SameSite=Strict keeps cross-site forms out. Errors are RFC 9457 problem details.
/// </summary>
internal static class DeviceApiEndpoints
{
    /// <summary>Maps <c>/device/api/*</c>.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/device/api");
        api.MapPost("/session", SignInAsync);
        api.MapDelete("/session", (Func<HttpContext, DeviceSessionStore, Task<IResult>>)SignOutAsync);
        api.MapGet("/requests", async (HttpContext http, DeviceRequestService service) =>
            await SubjectAsync(http) is { } subject ? Results.Json(await service.ListPendingAsync(subject, http.RequestAborted)) : Unauthorized());
        api.MapGet("/history", async (HttpContext http, DeviceRequestService service) =>
            await SubjectAsync(http) is { } subject ? Results.Json(await service.ListHistoryAsync(subject, http.RequestAborted)) : Unauthorized());
        api.MapPost("/requests/{id}/approve", (HttpContext http, string id, DeviceRequestService service, DeviceSessionStore sessions, PasskeyApproval passkeys) =>
            DecideAsync(http, id, true, service, sessions, passkeys));
        api.MapPost("/requests/{id}/deny", (HttpContext http, string id, DeviceRequestService service, DeviceSessionStore sessions, PasskeyApproval passkeys) =>
            DecideAsync(http, id, false, service, sessions, passkeys));
        api.MapGet("/events", DeviceEventStream.StreamAsync);
        PushSubscriptionEndpoints.Map(api);
        PasskeyEndpoints.Map(api);
        SpendingLimitEndpoints.Map(api);
    }

    /// <summary>The signed-in user's subject, or null.</summary>
    public static async Task<string?> SubjectAsync(HttpContext http) =>
        (await AuthenticateAsync(http))?.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The session id in the request's (validated) cookie, or null.</summary>
    public static async Task<string?> SessionIdAsync(HttpContext http) =>
        (await AuthenticateAsync(http))?.FindFirstValue(DeviceSession.SessionIdClaim);

    private static async Task<ClaimsPrincipal?> AuthenticateAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(DeviceSession.Scheme);
        if (result.Failure is { } failure && TransientDatabaseFault.Is(failure))
        {
            // The session could not be checked (database briefly away): 503 from DatabaseUnavailableMiddleware, not 401.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return result.Succeeded ? result.Principal : null;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, DeviceSignIn signIn, DeviceSessionStore sessions, ILoggerFactory loggers)
    {
        var (body, problem) = await ReadJsonAsync<SignInBody>(http);
        if (problem is not null)
        {
            return problem;
        }

        if (body is not { Username: { } username, Password: { } password })
        {
            return Problem(400, "Send {\"username\": ..., \"password\": ...}.");
        }

        var decision = await signIn.SignInAsync(username, password, http.Connection.RemoteIpAddress, http.RequestAborted);
        var logger = loggers.CreateLogger(typeof(DeviceApiEndpoints));
        switch (decision.Outcome)
        {
            case SignInOutcome.Throttled:
                Log.SignInFailed(logger, "throttled");
                var seconds = (int)Math.Ceiling(Math.Max(1, decision.RetryAfter?.TotalSeconds ?? 1));
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problem(429, "Too many sign-in attempts; try again after the time in Retry-After.");
            case SignInOutcome.InvalidCredentials:
                Log.SignInFailed(logger, "invalid credentials");
                return Problem(401, "Wrong username or password.");
        }

        return await StartSessionAsync(http, sessions, decision.Subject!, username, DeviceSignInMethod.Password);
    }

    /// <summary>Starts a device session for a person who just signed in by <paramref name="method"/>: the session row
    /// and the cookie; answers <c>{ "username", "subject" }</c>.</summary>
    internal static async Task<IResult> StartSessionAsync(HttpContext http, DeviceSessionStore sessions, string subject, string username, string method)
    {
        var (sessionId, expiresAt) = await sessions.CreateAsync(subject, http.RequestAborted, method);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, subject), new Claim(ClaimTypes.Name, username), new Claim(DeviceSession.SessionIdClaim, sessionId)],
            DeviceSession.Scheme);
        // Not persistent: a browser-session cookie without Expires/Max-Age (RFC 6265 §5.3 step 3); the server ends it too.
        await http.SignInAsync(DeviceSession.Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IsPersistent = false,
            AllowRefresh = false,
            ExpiresUtc = expiresAt,
        });
        return Results.Json(new Dictionary<string, string> { ["username"] = username, ["subject"] = subject });
    }

    /// <summary>The signed-in session's row (how and when it was signed in), or null.</summary>
    internal static async Task<DeviceSessionRecord?> SessionAsync(HttpContext http, DeviceSessionStore sessions) =>
        await SessionIdAsync(http) is { } sessionId ? await sessions.FindActiveAsync(sessionId, http.RequestAborted) : null;

    private static async Task<IResult> SignOutAsync(HttpContext http, DeviceSessionStore sessions)
    {
        if (await SessionIdAsync(http) is { } sessionId)
        {
            await sessions.EndAsync(sessionId, http.RequestAborted);
        }

        await http.SignOutAsync(DeviceSession.Scheme);
        return Results.NoContent();
    }

    private static async Task<IResult> DecideAsync(
        HttpContext http, string id, bool approve, DeviceRequestService service, DeviceSessionStore sessions, PasskeyApproval passkeys)
    {
        if (await SessionAsync(http, sessions) is not { } session)
        {
            return Unauthorized();
        }

        if (!http.Request.HasJsonContentType())
        {
            return Problem(415, "Send application/json (the body may be {}).");
        }

        // An approval may carry a passkey assertion: { "credential": PublicKeyCredential.toJSON() } (docs/device.md).
        var (tooLarge, body) = approve ? await DeviceJsonBody.ReadAsync<DecisionBody>(http.Request, http.RequestAborted) : default;
        if (tooLarge)
        {
            return Problem(413, "The body is larger than " + DeviceJsonBody.MaxBytes / 1024 + " KiB.");
        }

        DeviceDecisionCheck check;
        if (body?.Credential is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } credential)
        {
            var (evidence, failure) = await passkeys.VerifyAsync(session.Subject, id, credential, http.RequestAborted);
            if (failure is not null)
            {
                return Problem(failure.Status, failure.Detail);
            }

            check = await service.ApproveWithPasskeyAsync(session.Subject, evidence!, http.RequestAborted);
        }
        else
        {
            check = await service.DecideAsync(session.Subject, id, approve, session.SignInMethod, http.RequestAborted);
        }

        return check switch
        {
            DeviceDecisionCheck.Allowed => Results.Json(new Dictionary<string, string> { ["id"] = id, ["status"] = approve ? "approved" : "denied" }),
            DeviceDecisionCheck.NotFound => Problem(404, "No such request for this user."),
            DeviceDecisionCheck.PasskeyRequired => Problem(403, "This approval needs your passkey: approve it with your passkey (POST …/passkey-options, then approve with the credential)."),
            DeviceDecisionCheck.PasskeyRefused => Problem(403, PasskeyFailure.NotVerified.Detail),
            _ => Problem(409, "The request was already decided or has expired."),
        };
    }

    internal static IResult Unauthorized() => Problem(401, "Sign in first (POST /device/api/session).");

    internal static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    /// <summary>
    /// Reads a state-changing call's JSON body (<see cref="DeviceJsonBody"/>): the problem to answer with when it is not
    /// <c>application/json</c> (415) or is too large (413), else the body (null when it is not JSON of that shape).
    /// </summary>
    internal static async Task<(T? Body, IResult? Problem)> ReadJsonAsync<T>(HttpContext http)
    {
        if (!http.Request.HasJsonContentType())
        {
            return (default, Problem(415, "Send application/json."));
        }

        var (tooLarge, body) = await DeviceJsonBody.ReadAsync<T>(http.Request, http.RequestAborted);
        return tooLarge ? (default, Problem(413, "The body is larger than " + DeviceJsonBody.MaxBytes / 1024 + " KiB.")) : (body, null);
    }

    private sealed record SignInBody(string? Username, string? Password);

    private sealed record DecisionBody(JsonElement? Credential);
}
