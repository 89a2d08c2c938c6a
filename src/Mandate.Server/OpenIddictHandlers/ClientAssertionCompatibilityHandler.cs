using System.Text.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Mandate.Server.OpenIddictHandlers;

/// <summary>
/// OpenIddict 7 accepts only draft-ietf-oauth-rfc7523bis assertions (<c>typ: client-authentication+jwt</c>, <c>aud</c> =
/// the issuer). CIBA §7.1 requires the OP to also accept RFC 7523 / OIDC Core §9 assertions (no or a generic
/// <c>typ</c>) whose <c>aud</c> is the issuer, the token endpoint or the backchannel endpoint. For such untyped
/// assertions this handler widens the accepted types and audiences to exactly those; typed assertions keep
/// OpenIddict's stricter rule. For every assertion, a <c>kid</c> that names no registered key fails (no retry with
/// every key).
/// </summary>
public sealed class ClientAssertionCompatibilityHandler(IOptions<MandateServerOptions> options, ClientDirectory clients) : IOpenIddictServerHandler<ValidateTokenContext>
{
    private const string ClientAssertionType = "urn:openiddict:params:oauth:token-type:client_assertion";
    private const string TypedAssertion = "client-authentication+jwt";

    /// <summary>Handler registration: right after OpenIddict chose its validation parameters.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseScopedHandler<ClientAssertionCompatibilityHandler>()
            .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <inheritdoc />
    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.ValidTokenTypes.Count != 1 || !context.ValidTokenTypes.Contains(ClientAssertionType)
            || context.Token is not { } token || JwsCompact.TryParse(token, out _) is not var (header, payload))
        {
            return;
        }

        // RFC 8725 §3.10: the key is chosen by kid; a kid that names none of the client's keys fails.
        if (header.TryGetProperty("kid", out var kid))
        {
            var issuer = payload.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String ? iss.GetString() : null;
            var client = issuer is { Length: > 0 } ? await clients.FindAsync(issuer, context.CancellationToken) : null;
            if (kid.ValueKind != JsonValueKind.String || client?.JsonWebKeySet?.Keys.Any(k => k.Kid == kid.GetString()) != true)
            {
                context.Reject(OpenIddictConstants.Errors.InvalidClient, "The client assertion names an unknown key.");
                return;
            }
        }
        var typ = header.TryGetProperty("typ", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (typ is not (null or "JWT" or "jwt" or "application/jwt"))
        {
            return;
        }

        var o = options.Value;
        context.TokenValidationParameters.ValidTypes = null;
        context.TokenValidationParameters.TypeValidator = (_, _, _) => TypedAssertion;
        context.ValidAudiences.Add(o.EndpointUrl(MandateEndpoints.Token));
        context.ValidAudiences.Add(o.EndpointUrl(MandateEndpoints.BackchannelAuthentication));
    }
}
