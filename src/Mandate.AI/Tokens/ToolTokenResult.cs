namespace Mandate.AI.Tokens;

/// <summary>
/// The answer of an <see cref="IToolTokenSource"/>: a token, or an OAuth error value named by its code
/// (RFC 6749 §5.2, CIBA Core §11 and §13).
/// </summary>
public sealed class ToolTokenResult
{
    private ToolTokenResult(ToolAccessToken? token, string? error, string? errorDescription)
    {
        Token = token;
        Error = error;
        ErrorDescription = errorDescription;
    }

    /// <summary>The token, when the request succeeded.</summary>
    public ToolAccessToken? Token { get; }

    /// <summary>The OAuth <c>error</c> code, when it failed: e.g. <c>access_denied</c>, <c>expired_token</c>.</summary>
    public string? Error { get; }

    /// <summary>The server's <c>error_description</c>, if any. Logged by Mandate.AI, never shown to the model.</summary>
    public string? ErrorDescription { get; }

    /// <summary>Whether a token was obtained.</summary>
    public bool IsSuccess => Token is not null;

    /// <summary>A successful result.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The result.</returns>
    public static ToolTokenResult Success(ToolAccessToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new ToolTokenResult(token, null, null);
    }

    /// <summary>A failed result.</summary>
    /// <param name="error">The OAuth <c>error</c> code.</param>
    /// <param name="errorDescription">The <c>error_description</c>, if any.</param>
    /// <returns>The result.</returns>
    public static ToolTokenResult Failure(string error, string? errorDescription = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new ToolTokenResult(null, error, errorDescription);
    }
}
