using Mandate.Server.Tokens;

namespace Mandate.Server.Ciba;

/// <summary>
/// Accepts an <c>id_token_hint</c> only when this server signed it, for the presenting client (<c>aud</c>), and it
/// expired no longer ago than the configured grace period (CIBA §7.1, §14), with
/// <see cref="JwtValidation.ForIdTokenHint"/>.
/// </summary>
internal sealed class IdTokenHintValidator(JwtValidation validation) : IIdTokenHintValidator
{
    /// <inheritdoc />
    public async Task<string?> ValidateAsync(string idTokenHint, string clientId, CancellationToken cancellationToken)
    {
        if (JwsCompact.TryRead(idTokenHint, out _) is not { } jws)
        {
            return null;
        }

        var result = await JwtValidation.ValidateAsync(jws.Token, validation.ForIdTokenHint(clientId));
        return result.IsValid && result.ClaimsIdentity.FindFirst("sub")?.Value is { Length: > 0 } sub ? sub : null;
    }
}
