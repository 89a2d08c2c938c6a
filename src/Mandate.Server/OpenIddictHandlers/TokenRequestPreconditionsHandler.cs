using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Mandate.Server.OpenIddictHandlers;

/// <summary>
/// Checks run before OpenIddict's own token-request validation: a repeated parameter is <c>invalid_request</c>
/// (RFC 6749 §3.2, §5.2); a request with no client authentication at all is <c>invalid_client</c> (RFC 6749 §5.2).
/// </summary>
public sealed class TokenRequestPreconditionsHandler : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    /// <summary>Handler registration: first of the token-request validation handlers.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<TokenRequestPreconditionsHandler>()
            .SetOrder(int.MinValue + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <inheritdoc />
    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        foreach (var (name, value) in context.Request.GetParameters())
        {
            if (((Microsoft.Extensions.Primitives.StringValues)value).Count > 1)
            {
                context.Reject(OpenIddictConstants.Errors.InvalidRequest, "The '" + (name.Length <= 40 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? name : "(unnamed)") + "' parameter is repeated.");
                return default;
            }
        }

        if (string.IsNullOrEmpty(context.Request.ClientId) && string.IsNullOrEmpty(context.Request.ClientAssertion))
        {
            context.Reject(OpenIddictConstants.Errors.InvalidClient, "Client authentication is required.");
        }

        return default;
    }
}
