namespace Mandate.Server.Protocol;

/// <summary>
/// An OAuth error response as a value (RFC 6749 §5.2, CIBA §11 and §13, RFC 9396 §5).
/// <see cref="Description"/> never holds a secret, a token or personal data.
/// </summary>
/// <param name="Code">The <c>error</c> code.</param>
/// <param name="Description">The <c>error_description</c> (characters %x20-21 / %x23-5B / %x5D-7E).</param>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> header of a 429 or 503, if any (RFC 9110 §10.2.3).</param>
internal sealed record OAuthError(string Code, string Description, int StatusCode = 400, int? RetryAfterSeconds = null)
{
    /// <summary>400 <c>invalid_request</c>.</summary>
    public static OAuthError InvalidRequest(string description) => new("invalid_request", description);

    /// <summary>400 <c>invalid_target</c> (RFC 8707 §2): the <c>resource</c> is invalid or not registered.</summary>
    public static OAuthError InvalidTarget(string description) => new("invalid_target", description);

    /// <summary>401 <c>invalid_client</c>.</summary>
    public static OAuthError InvalidClient(string description) => new("invalid_client", description, 401);

    /// <summary>400 <c>invalid_scope</c>.</summary>
    public static OAuthError InvalidScope(string description) => new("invalid_scope", description);

    /// <summary>400 <c>invalid_grant</c>.</summary>
    public static OAuthError InvalidGrant(string description) => new("invalid_grant", description);

    /// <summary>400 <c>unauthorized_client</c>.</summary>
    public static OAuthError UnauthorizedClient(string description) => new("unauthorized_client", description);

    /// <summary>400 <c>unknown_user_id</c> (CIBA §13).</summary>
    public static OAuthError UnknownUserId(string description) => new("unknown_user_id", description);

    /// <summary>400 <c>invalid_binding_message</c> (CIBA §13).</summary>
    public static OAuthError InvalidBindingMessage(string description) => new("invalid_binding_message", description);

    /// <summary>400 <c>missing_user_code</c> (CIBA §13).</summary>
    public static OAuthError MissingUserCode(string description) => new("missing_user_code", description);

    /// <summary>400 <c>invalid_user_code</c> (CIBA §13).</summary>
    public static OAuthError InvalidUserCode(string description) => new("invalid_user_code", description);

    /// <summary>400 <c>invalid_authorization_details</c> (RFC 9396 §5).</summary>
    public static OAuthError InvalidAuthorizationDetails(string description) => new("invalid_authorization_details", description);

    /// <summary>400 <c>authorization_pending</c> (CIBA §11).</summary>
    public static OAuthError AuthorizationPending { get; } = new("authorization_pending", "The user has not yet approved the request.");

    /// <summary>400 <c>slow_down</c> (CIBA §11).</summary>
    public static OAuthError SlowDown { get; } = new("slow_down", "Polling too fast; wait at least the interval plus 5 seconds.");

    /// <summary>400 <c>expired_token</c> (CIBA §11).</summary>
    public static OAuthError ExpiredToken { get; } = new("expired_token", "The auth_req_id has expired.");

    /// <summary>400 <c>access_denied</c> (CIBA §11).</summary>
    public static OAuthError AccessDenied { get; } = new("access_denied", "The user denied the request.");
}
