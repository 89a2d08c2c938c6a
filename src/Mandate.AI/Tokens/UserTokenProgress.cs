namespace Mandate.AI.Tokens;

/// <summary>
/// What a token source reports while a user approval is pending: the backchannel authentication request was
/// acknowledged (CIBA Core §7.3) and the user has until <see cref="ExpiresAt"/> to decide.
/// </summary>
/// <param name="ExpiresAt">When the <c>auth_req_id</c> expires (acknowledgement time plus <c>expires_in</c>).</param>
public sealed record UserTokenProgress(DateTimeOffset ExpiresAt);
