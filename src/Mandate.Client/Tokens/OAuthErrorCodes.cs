namespace Mandate.Client.Tokens;

/// <summary>OAuth error codes (the <c>error</c> member) this client acts on.</summary>
public static class OAuthErrorCodes
{
    /// <summary>RFC 6749 §5.2: the request is malformed. At the CIBA token endpoint it also means "stop polling" (CIBA Core §11).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>RFC 6749 §5.2: client authentication failed.</summary>
    public const string InvalidClient = "invalid_client";

    /// <summary>RFC 6749 §5.2: the grant (here the <c>auth_req_id</c>) is invalid, expired, used or another client's.</summary>
    public const string InvalidGrant = "invalid_grant";

    /// <summary>RFC 6749 §5.2: the client may not use this grant type.</summary>
    public const string UnauthorizedClient = "unauthorized_client";

    /// <summary>RFC 6749 §5.2: the requested scope is invalid, unknown or malformed.</summary>
    public const string InvalidScope = "invalid_scope";

    /// <summary>CIBA Core §11: the user has not decided yet; keep polling at the interval.</summary>
    public const string AuthorizationPending = "authorization_pending";

    /// <summary>CIBA Core §11: still pending; add 5 seconds to this and every later interval.</summary>
    public const string SlowDown = "slow_down";

    /// <summary>CIBA Core §11: the <c>auth_req_id</c> expired. Also reported when the client's own deadline passes.</summary>
    public const string ExpiredToken = "expired_token";

    /// <summary>CIBA Core §11 and §13: the user (or the OP's policy) denied the request.</summary>
    public const string AccessDenied = "access_denied";
}
