using System.Security.Claims;
using System.Text.Json;
using Mandate.Server.Data;
using Mandate.Server.Device;
using Mandate.Server.Passkeys;
using Mandate.Server.Push;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mandate.Server.Endpoints;

/// <summary>
/// <c>/device/api/passkeys/*</c> and <c>/device/api/requests/{id}/passkey-options</c> (docs/device.md "Passkeys"):
/// add (options, then the browser's credential), list and remove the person's passkeys; sign in with one (options,
/// then the assertion; no session needed); options for approving one request. The same conventions as the rest of the
/// device API: the session cookie, <c>application/json</c> on every POST, RFC 9457 problems. Options are the Fido2
/// library's JSON of WebAuthn Level 3 §5.4 / §5.5 (byte strings base64url), ready for
/// <c>PublicKeyCredential.parseCreationOptionsFromJSON</c> / <c>parseRequestOptionsFromJSON</c>.
/// </summary>
internal static class PasskeyEndpoints
{
    /// <summary>Maps the calls on the device API's group.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/passkeys/registration-options", RegistrationOptionsAsync);
        api.MapPost("/passkeys", AddAsync);
        PersonalItemEndpoints.Map<PasskeyStore, PasskeyRecord>(api, "/passkeys", "No such passkey for this user.");
        api.MapPost("/passkeys/sign-in-options", SignInOptionsAsync);
        api.MapPost("/passkeys/sign-in", SignInAsync);
        api.MapPost("/requests/{id}/passkey-options", async (HttpContext http, string id, PasskeyApproval approval) =>
        {
            if (await DeviceApiEndpoints.SubjectAsync(http) is not { } subject)
            {
                return DeviceApiEndpoints.Unauthorized();
            }

            if (!http.Request.HasJsonContentType())
            {
                return DeviceApiEndpoints.Problem(415, "Send application/json (the body may be {}).");
            }

            var (options, failure) = await approval.BeginAsync(subject, id, http.RequestAborted);
            return failure is null ? Options(options!) : DeviceApiEndpoints.Problem(failure.Status, failure.Detail);
        });
    }

    private static async Task<IResult> RegistrationOptionsAsync(HttpContext http, DeviceSessionStore sessions, PasskeyRegistration registration)
    {
        if (await DeviceApiEndpoints.SessionAsync(http, sessions) is not { } session)
        {
            return DeviceApiEndpoints.Unauthorized();
        }

        if (!http.Request.HasJsonContentType())
        {
            return DeviceApiEndpoints.Problem(415, "Send application/json (the body may be {}).");
        }

        var username = (await http.AuthenticateAsync(DeviceSession.Scheme)).Principal?.FindFirstValue(ClaimTypes.Name) ?? "";
        var (options, failure) = await registration.BeginAsync(session, username, http.RequestAborted);
        return failure is null ? Options(options!) : DeviceApiEndpoints.Problem(failure.Status, failure.Detail);
    }

    private static async Task<IResult> AddAsync(HttpContext http, DeviceSessionStore sessions, PasskeyRegistration registration)
    {
        if (await DeviceApiEndpoints.SessionAsync(http, sessions) is not { } session)
        {
            return DeviceApiEndpoints.Unauthorized();
        }

        var (credential, problem) = await ReadCredentialAsync(http);
        if (problem is not null)
        {
            return problem;
        }

        var (passkey, failure) = await registration.FinishAsync(session, credential, DeviceLabel.FromUserAgent(http.Request.Headers.UserAgent), http.RequestAborted);
        return failure is not null
            ? DeviceApiEndpoints.Problem(failure.Status, failure.Detail)
            : Results.Json(new Dictionary<string, object?> { ["id"] = passkey!.Id, ["label"] = passkey.Label, ["created_at"] = passkey.CreatedAt }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> SignInOptionsAsync(HttpContext http, PasskeySignIn signIn)
    {
        if (!http.Request.HasJsonContentType())
        {
            return DeviceApiEndpoints.Problem(415, "Send application/json (the body may be {}).");
        }

        var (options, wait) = await signIn.BeginAsync(http.Connection.RemoteIpAddress, http.RequestAborted);
        if (wait is { } retryAfter)
        {
            RetryAfter(http, retryAfter);
            return DeviceApiEndpoints.Problem(429, "Too many passkey prompts from this address; try again after the time in Retry-After.");
        }

        return Options(options!);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, PasskeySignIn signIn, DeviceSessionStore sessions)
    {
        var (credential, problem) = await ReadCredentialAsync(http);
        if (problem is not null)
        {
            return problem;
        }

        var (user, failure, retryAfter) = await signIn.FinishAsync(credential, http.Connection.RemoteIpAddress, http.RequestAborted);
        if (failure is not null)
        {
            if (retryAfter is { } wait)
            {
                RetryAfter(http, wait);
            }

            return DeviceApiEndpoints.Problem(failure.Status, failure.Detail);
        }

        return await DeviceApiEndpoints.StartSessionAsync(http, sessions, user!.Id, user.Username, DeviceSignInMethod.Passkey);
    }

    // The body: the browser's PublicKeyCredential.toJSON(); or the problem when it is not one.
    private static async Task<(JsonElement Credential, IResult? Problem)> ReadCredentialAsync(HttpContext http)
    {
        var (body, unreadable) = await DeviceApiEndpoints.ReadJsonAsync<JsonElement?>(http);
        if (unreadable is not null)
        {
            return (default, unreadable);
        }

        return body is { ValueKind: JsonValueKind.Object } credential
            ? (credential, null)
            : (default, DeviceApiEndpoints.Problem(400, PasskeyFailure.Malformed.Detail));
    }

    private static void RetryAfter(HttpContext http, TimeSpan wait) =>
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IResult Options(string json) => Results.Content(json, "application/json");
}
