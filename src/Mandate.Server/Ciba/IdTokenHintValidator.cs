using Mandate.Server.Configuration;
using Mandate.Server.Keys;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Ciba;

/// <summary>
/// Accepts an <c>id_token_hint</c> only when this server signed it, for the presenting client (<c>aud</c>), and it
/// expired no longer ago than the configured grace period (CIBA §14).
/// </summary>
public sealed class IdTokenHintValidator(ServerKeyRing keys, IOptions<MandateServerOptions> options, TimeProvider time) : IIdTokenHintValidator
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <inheritdoc />
    public async Task<string?> ValidateAsync(string idTokenHint, string clientId, CancellationToken cancellationToken)
    {
        if (JwsCompact.TryParse(idTokenHint, out _) is null)
        {
            return null;
        }

        var o = options.Value;
        var grace = TimeSpan.FromSeconds(o.IdTokenHintGraceSeconds);
        var result = await Handler.ValidateTokenAsync(idTokenHint, new TokenValidationParameters
        {
            IssuerSigningKeys = keys.PublishedSigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidIssuer = o.IssuerString,
            ValidAudience = clientId,
            ValidTypes = ["JWT"],
            ValidateLifetime = true,
            LifetimeValidator = (_, expires, _, _) => expires is { } exp && exp + grace > time.GetUtcNow().UtcDateTime,
        });
        return result.IsValid && result.ClaimsIdentity.FindFirst("sub")?.Value is { Length: > 0 } sub ? sub : null;
    }
}
