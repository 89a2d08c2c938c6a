namespace Mandate.Client.Tokens;

/// <summary>What the token endpoint answered: a token, or an OAuth error value.</summary>
internal readonly struct TokenEndpointResult
{
    private TokenEndpointResult(TokenResponse? token, OAuthError error)
    {
        Token = token;
        Error = error;
    }

    public TokenResponse? Token { get; }

    public OAuthError Error { get; }

    public bool IsSuccess => Token is not null;

    public static TokenEndpointResult Success(TokenResponse token) => new(token, default);

    public static TokenEndpointResult Failure(OAuthError error) => new(null, error);

    public TokenResponse GetTokenOrThrow() => Token ?? throw Error.ToException();
}
