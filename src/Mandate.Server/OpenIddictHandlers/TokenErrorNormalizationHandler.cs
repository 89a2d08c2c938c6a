using Microsoft.AspNetCore;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Mandate.Server.OpenIddictHandlers;

/// <summary>
/// Normalizes token-endpoint errors: a client assertion OpenIddict refused is always <c>invalid_client</c>
/// (RFC 7523 §3.2; OpenIddict reports some as <c>invalid_token</c> or <c>invalid_grant</c>), and the
/// <c>error_uri</c> OpenIddict adds is removed, since for errors this server decides it would point to an unrelated
/// OpenIddict page (the parameter is OPTIONAL, RFC 6749 §5.2).
/// </summary>
public sealed class TokenErrorNormalizationHandler : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    /// <summary>Set in <c>HttpContext.Items</c> once the request reached Mandate's token handler (client authenticated).</summary>
    public const string ReachedHandlerKey = "Mandate.TokenHandlerReached";

    /// <summary>Handler registration: before the response is written.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<TokenErrorNormalizationHandler>()
            .SetOrder(int.MinValue + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <inheritdoc />
    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        context.Response.ErrorUri = null;
        var reached = context.Transaction.GetHttpRequest()?.HttpContext.Items.ContainsKey(ReachedHandlerKey) == true;
        if (!reached && !string.IsNullOrEmpty(context.Request?.ClientAssertion)
            && context.Response.Error is "invalid_token" or "invalid_grant")
        {
            context.Response.Error = "invalid_client";
            context.Response.ErrorDescription = "The client assertion is not valid.";
        }

        return default;
    }
}
