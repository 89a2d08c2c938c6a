using System.Security.Claims;
using System.Text.Json;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Mandate.Server.OpenIddictHandlers;

/// <summary>
/// Shapes JWTs just before they are signed: removes OpenIddict's private claims (<c>oi_*</c>) that resource
/// servers should not see, and writes <c>authorization_details</c> as a JSON array (RFC 9396 §9.1) from the
/// private claim <see cref="AuthorizationDetailsClaim"/> (a claim value cannot hold an array).
/// </summary>
public sealed class AccessTokenShapingHandler : IOpenIddictServerHandler<GenerateTokenContext>
{
    /// <summary>Private claim carrying the authorization details JSON until the token is built.</summary>
    public const string AuthorizationDetailsClaim = "mandate_authorization_details";

    /// <summary>Handler registration: after the descriptor is built, before the token is created.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<AccessTokenShapingHandler>()
            .SetOrder(OpenIddictServerHandlers.Protection.GenerateIdentityModelToken.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <inheritdoc />
    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType is not (OpenIddictConstants.TokenTypeIdentifiers.AccessToken or OpenIddictConstants.TokenTypeIdentifiers.IdentityToken)
            || context.SecurityTokenDescriptor is not { } descriptor)
        {
            return default;
        }

        string? details = null;
        if (descriptor.Subject is { } subject)
        {
            details = subject.FindFirst(AuthorizationDetailsClaim)?.Value;
            foreach (var claim in subject.Claims.Where(IsPrivate).ToList())
            {
                subject.RemoveClaim(claim);
            }
        }

        if (descriptor.Claims is { } claims)
        {
            foreach (var key in claims.Keys.Where(k => k.StartsWith("oi_", StringComparison.Ordinal) || k == AuthorizationDetailsClaim).ToList())
            {
                if (key == AuthorizationDetailsClaim && claims[key] is string json)
                {
                    details ??= json;
                }

                claims.Remove(key);
            }
        }

        if (details is not null && context.TokenType == OpenIddictConstants.TokenTypeIdentifiers.AccessToken)
        {
            descriptor.Claims ??= new Dictionary<string, object>(StringComparer.Ordinal);
            using var document = JsonDocument.Parse(details);
            descriptor.Claims["authorization_details"] = document.RootElement.Clone();
        }

        return default;
    }

    private static bool IsPrivate(Claim claim) =>
        claim.Type.StartsWith("oi_", StringComparison.Ordinal) || claim.Type == AuthorizationDetailsClaim;
}
