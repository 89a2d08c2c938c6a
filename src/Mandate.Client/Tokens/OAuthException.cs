namespace Mandate.Client.Tokens;

/// <summary>
/// The authorization server answered with an OAuth error (RFC 6749 §5.2, CIBA Core §11 and §13), or the client's own
/// CIBA deadline passed (<see cref="OAuthErrorCodes.ExpiredToken"/>). <see cref="Error"/> is the OAuth code; the message
/// never contains a secret or a token.
/// </summary>
public class OAuthException : Exception
{
    /// <summary>Creates the exception for an OAuth error.</summary>
    /// <param name="error">The OAuth <c>error</c> code.</param>
    /// <param name="errorDescription">The <c>error_description</c>, if any.</param>
    /// <param name="errorUri">The <c>error_uri</c>, if any.</param>
    /// <param name="statusCode">The HTTP status of the answer, or null when the client decided (deadline).</param>
    public OAuthException(string error, string? errorDescription = null, string? errorUri = null, int? statusCode = null)
        : base(FormatMessage(error, errorDescription))
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        Error = error;
        ErrorDescription = errorDescription;
        ErrorUri = errorUri;
        StatusCode = statusCode;
    }

    /// <summary>Creates the exception with a default code, for serializers and tools.</summary>
    public OAuthException()
        : this("server_error")
    {
    }

    /// <summary>Creates the exception with a message and an inner exception; <see cref="Error"/> is <c>server_error</c>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OAuthException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Error = "server_error";
    }

    /// <summary>REQUIRED. The OAuth error code (<c>error</c>), e.g. <c>access_denied</c>.</summary>
    public string Error { get; }

    /// <summary>OPTIONAL. Human-readable detail (<c>error_description</c>).</summary>
    public string? ErrorDescription { get; }

    /// <summary>OPTIONAL. A page about the error (<c>error_uri</c>).</summary>
    public string? ErrorUri { get; }

    /// <summary>The HTTP status of the error answer, or null when the client itself ended the flow.</summary>
    public int? StatusCode { get; }

    private static string FormatMessage(string error, string? description) =>
        string.IsNullOrEmpty(description) ? $"OAuth error '{error}'." : $"OAuth error '{error}': {description}";
}
