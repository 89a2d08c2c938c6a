using Microsoft.Extensions.Logging;

namespace Mandate.Server.Logging;

/// <summary>Log messages. They carry ids, client ids and error codes, never secrets, tokens or request objects.</summary>
internal static partial class Log
{
    /// <summary>Debug: the accepted request's audit event (<see cref="Audit"/>, Information) already says it once per
    /// request; this line adds the request id and delivery mode for tracing one request (docs/server.md, "Audit").</summary>
    [LoggerMessage(1, LogLevel.Debug, "CIBA request {RequestId} from {ClientId} created ({DeliveryMode}).")]
    public static partial void CibaRequestCreated(ILogger logger, string requestId, string clientId, string deliveryMode);

    [LoggerMessage(2, LogLevel.Information, "CIBA request refused for {ClientId}: {Error}.")]
    public static partial void CibaRequestRefused(ILogger logger, string? clientId, string error);

    [LoggerMessage(3, LogLevel.Information, "CIBA request {RequestId} {Decision} on the device.")]
    public static partial void CibaDecided(ILogger logger, string requestId, string decision);

    [LoggerMessage(4, LogLevel.Information, "CIBA request {RequestId} redeemed by {ClientId}.")]
    public static partial void CibaRedeemed(ILogger logger, string requestId, string clientId);

    [LoggerMessage(5, LogLevel.Information, "Ping for CIBA request {RequestId} answered {StatusCode}.")]
    public static partial void PingSent(ILogger logger, string requestId, int statusCode);

    [LoggerMessage(6, LogLevel.Warning, "Ping for CIBA request {RequestId} failed: {Reason}.")]
    public static partial void PingFailed(ILogger logger, string requestId, string reason);

    [LoggerMessage(7, LogLevel.Information, "Audit {AuditEvent}: client {ClientId}, scopes {Scopes}, outcome {Outcome}.")]
    public static partial void Audit(ILogger logger, string auditEvent, string? clientId, string? scopes, string outcome);

    [LoggerMessage(20, LogLevel.Debug, "Audit {AuditEvent}: client {ClientId}, scopes {Scopes}, outcome {Outcome}.")]
    public static partial void AuditHighVolume(ILogger logger, string auditEvent, string? clientId, string? scopes, string outcome);

    [LoggerMessage(8, LogLevel.Warning, "Device sign-in failed ({Reason}).")]
    public static partial void SignInFailed(ILogger logger, string reason);

    [LoggerMessage(10, LogLevel.Information, "Seed loaded from {Path}: {Clients} clients, {Users} users, {Scopes} scopes.")]
    public static partial void SeedLoaded(ILogger logger, string path, int clients, int users, int scopes);

    [LoggerMessage(11, LogLevel.Information, "Signing key {KeyId} created (generation {Generation}); published now, signs from {ActivatesAt:O}.")]
    public static partial void SigningKeyCreated(ILogger logger, string keyId, int generation, DateTimeOffset activatesAt);

    [LoggerMessage(12, LogLevel.Information, "Signing key {KeyId} signs; {Published} signing keys published.")]
    public static partial void SigningKeyActive(ILogger logger, string keyId, int published);

    [LoggerMessage(13, LogLevel.Information, "Signing key {KeyId} removed: replaced longer ago than the retention period.")]
    public static partial void SigningKeyExpired(ILogger logger, string keyId);

    [LoggerMessage(14, LogLevel.Warning, "Reading the signing keys failed ({Reason}); the keys already loaded stay in use.")]
    public static partial void SigningKeyRefreshFailed(ILogger logger, string reason);

    [LoggerMessage(40, LogLevel.Information, "Token revocation by {ClientId}: {Outcome}.")]
    public static partial void TokenRevocation(ILogger logger, string clientId, Revocation.RevocationOutcome outcome);

    [LoggerMessage(15, LogLevel.Debug, "Request to {Path} refused with {StatusCode}: its input could not be read ({Reason}).")]
    public static partial void MalformedRequestRefused(ILogger logger, string path, int statusCode, string reason);

    [LoggerMessage(70, LogLevel.Warning, "Passkey {Ceremony} refused ({Reason}).")]
    public static partial void PasskeyRefused(ILogger logger, string ceremony, string reason);

    [LoggerMessage(80, LogLevel.Warning, "SQLite checkpoint failed (SQLite error {ErrorCode}); retried at the next interval.")]
    public static partial void CheckpointFailed(ILogger logger, int errorCode);
}
