using Mandate.Server.Ciba;
using Microsoft.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Mandate.Server.OpenIddictHandlers;

/// <summary>
/// Refuses a client assertion without <c>jti</c>, whose <c>jti</c> was already used, or that expires more than an hour
/// ahead (RFC 7523 §3 item 4) (OIDC Core §9: "These tokens
/// MUST only be used once"), with <c>invalid_client</c>. Shares the replay cache with the backchannel endpoint.
/// A singleton: OpenIddict resolves it for every token request, so it takes the request's (scoped) replay cache only
/// when there is an assertion to check, instead of renting a database context for requests that have none.
/// </summary>
public sealed class ClientAssertionReplayHandler(TimeProvider time) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    /// <summary>Handler registration: right after OpenIddict validated the assertion.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<ClientAssertionReplayHandler>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientAssertion.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <inheritdoc />
    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.ClientAssertionPrincipal is not { } principal)
        {
            return;
        }

        var replay = context.Transaction.GetHttpRequest()?.HttpContext.RequestServices.GetRequiredService<IJwtReplayCache>()
            ?? throw new InvalidOperationException("Client assertions are checked for replay only within an HTTP request.");
        var jti = principal.GetClaim(OpenIddictConstants.Claims.JwtId);
        var exp = principal.GetExpirationDate();
        var clientId = principal.GetClaim(OpenIddictConstants.Claims.Subject) ?? "";
        if (string.IsNullOrEmpty(jti) || jti.Length > 256 || exp is null || exp > time.GetUtcNow().AddHours(1)
            || !await replay.TryUseAsync("client_assertion", clientId, jti, exp.Value, context.CancellationToken))
        {
            context.Reject(
                error: OpenIddictConstants.Errors.InvalidClient,
                description: "The client assertion must carry a jti that has not been used before and expire within an hour.");
        }
    }
}
