using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mandate.Client.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mandate.Client.Ciba.Ping;

/// <summary>
/// The logic of the client notification endpoint (CIBA Core §10.2), without HTTP: checks the bearer token against the
/// pending requests' <c>client_notification_token</c>s in constant time, then that the body's <c>auth_req_id</c> is the
/// one that token was issued with, and wakes the waiting call. Unknown body members are ignored. An ASP.NET Core host
/// maps it with <c>endpoints.MapCibaNotifications(pattern)</c> from Mandate.Client.AspNetCore; another host passes each
/// notification's <c>Authorization</c> header and body to <see cref="Receive"/> and answers with the status it returns.
/// </summary>
public sealed class CibaNotificationReceiver
{
    private readonly ConcurrentDictionary<CibaNotificationRegistration, byte> _registrations = new();
    private readonly ILogger _logger;

    /// <summary>Creates a receiver.</summary>
    /// <param name="logger">Logs rejected pings (never their token or ids).</param>
    public CibaNotificationReceiver(ILogger<CibaNotificationReceiver>? logger = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>How many ping-mode requests are waiting.</summary>
    internal int PendingCount => _registrations.Count;

    /// <summary>Handles one notification.</summary>
    /// <param name="authorization">The <c>Authorization</c> header, expected <c>Bearer {client_notification_token}</c>.</param>
    /// <param name="body">The JSON body, <c>{"auth_req_id": "…"}</c>.</param>
    /// <returns>The answer; its value is the HTTP status.</returns>
    public CibaNotificationResult Receive(string? authorization, ReadOnlyMemory<byte> body)
    {
        if (!TryReadBearer(authorization, out var token))
        {
            return Reject(CibaNotificationResult.Unauthorized, "no bearer token");
        }

        var registration = Find(token);
        if (registration is null)
        {
            return Reject(CibaNotificationResult.Unauthorized, "unknown bearer token");
        }

        if (!TryReadAuthReqId(body, out var authReqId))
        {
            return Reject(CibaNotificationResult.BadRequest, "the body is not a JSON object with a string auth_req_id");
        }

        if (!registration.Notify(authReqId))
        {
            return Reject(CibaNotificationResult.Unauthorized, "the bearer token belongs to another auth_req_id");
        }

        Log.PingAccepted(_logger);
        return CibaNotificationResult.Accepted;
    }

    internal CibaNotificationRegistration Register(string clientNotificationToken)
    {
        var registration = new CibaNotificationRegistration(this, clientNotificationToken);
        _registrations.TryAdd(registration, 0);
        return registration;
    }

    internal void Unregister(CibaNotificationRegistration registration) => _registrations.TryRemove(registration, out _);

    private CibaNotificationRegistration? Find(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        CibaNotificationRegistration? found = null;
        foreach (var registration in _registrations.Keys)
        {
            // Fixed-time comparison of equal-length digests: the time says nothing about the token.
            if (CryptographicOperations.FixedTimeEquals(hash, registration.TokenHash))
            {
                found = registration;
            }
        }

        return found;
    }

    private static bool TryReadBearer(string? authorization, out string token)
    {
        token = "";
        if (authorization is null || authorization.Length < 8 || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = authorization[7..].Trim();
        return ClientNotificationToken.IsValidSyntax(token);
    }

    private static bool TryReadAuthReqId(ReadOnlyMemory<byte> body, out string authReqId)
    {
        authReqId = "";
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("auth_req_id", out var value) &&
                value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } id)
            {
                authReqId = id;
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private CibaNotificationResult Reject(CibaNotificationResult result, string reason)
    {
        Log.PingRejected(_logger, (int)result, reason);
        return result;
    }
}
