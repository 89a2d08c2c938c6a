using Mandate.Server.Revocation;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Mandate.Server.OpenIddictHandlers;

/// <summary>
/// Refuses an access token revoked through <c>/token/revoke</c> (RFC 7009 §2.2: the token is invalid from then on)
/// wherever OpenIddict validates one: introspection answers <c>{"active": false}</c> (RFC 7662 §2.2) and userinfo
/// <c>invalid_token</c>. Runs after OpenIddict's own checks (signature, issuer, expiry), so only valid tokens cost a
/// look-up.
/// </summary>
public sealed class RevokedAccessTokenHandler(IAccessTokenDenyList denyList) : IOpenIddictServerHandler<ValidateTokenContext>
{
    /// <summary>Handler registration.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseScopedHandler<RevokedAccessTokenHandler>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateExpirationDate.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <inheritdoc />
    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.IsRejected || context.Principal is not { } principal || !principal.HasTokenType(TokenTypeIdentifiers.AccessToken))
        {
            return;
        }

        var jwtId = principal.GetClaim(Claims.JwtId) ?? principal.GetTokenId();
        var clientId = principal.GetClaim(Claims.ClientId) ?? principal.GetPresenters().FirstOrDefault();
        if (jwtId is not null && clientId is not null
            && await denyList.ContainsAsync(clientId, jwtId, context.CancellationToken))
        {
            context.Reject(error: Errors.InvalidToken, description: "The access token has been revoked.");
        }
    }
}
