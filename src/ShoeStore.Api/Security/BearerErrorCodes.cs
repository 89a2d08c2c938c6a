namespace ShoeStore.Api.Security;

/// <summary>The error codes of RFC 6750 §3.1.</summary>
internal static class BearerErrorCodes
{
    /// <summary>400: missing or repeated parameter, more than one way of sending the token, malformed request.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>401: the token is expired, malformed or otherwise invalid.</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>403: the token does not grant what the request needs.</summary>
    public const string InsufficientScope = "insufficient_scope";
}
