namespace ShoeStore.Api.Security;

/// <summary>Security log messages. They name failure kinds only: never a token, a claim value or personal data.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Access token refused: {Reason}")]
    public static partial void AccessTokenRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error,
        Message = "The authorization server's metadata names issuer {MetadataIssuer}, not the configured {ConfiguredIssuer} (RFC 8414 §3.3); every token is refused")]
    public static partial void MetadataIssuerMismatch(ILogger logger, string metadataIssuer, string configuredIssuer);
}
