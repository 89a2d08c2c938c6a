namespace Mandate.Client.Tokens;

/// <summary>An OAuth error answer as a value (RFC 6749 §5.2): <c>authorization_pending</c> and <c>slow_down</c> are ordinary poll results.</summary>
/// <param name="Error">The <c>error</c> code.</param>
/// <param name="Description">The <c>error_description</c>, cleaned of control characters.</param>
/// <param name="Uri">The <c>error_uri</c>.</param>
/// <param name="StatusCode">The HTTP status.</param>
internal readonly record struct OAuthError(string Error, string? Description, string? Uri, int StatusCode)
{
    public OAuthException ToException() => new(Error, Description, Uri, StatusCode);
}
