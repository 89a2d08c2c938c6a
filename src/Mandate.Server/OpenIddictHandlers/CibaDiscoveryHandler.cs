using System.Text.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Configuration;
using Mandate.Server.Scopes;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Mandate.Server.OpenIddictHandlers;

/// <summary>
/// Adds the CIBA metadata (CIBA §4) and RFC 9396 <c>authorization_details_types_supported</c> to discovery,
/// lists the registered scopes, and derives every endpoint URL from the configured issuer.
/// </summary>
public sealed class CibaDiscoveryHandler(IOptions<MandateServerOptions> options, ScopeCatalog scopes) : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    /// <summary>Handler registration.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<CibaDiscoveryHandler>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <inheritdoc />
    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        var o = options.Value;

        // Every URL from the configured issuer, whatever host the discovery request came to (behind a proxy,
        // or with --urls on another port), so that discovery, token iss and request-object aud agree.
        context.TokenEndpoint = new Uri(o.EndpointUrl(MandateEndpoints.Token));
        context.JsonWebKeySetEndpoint = new Uri(o.EndpointUrl(MandateEndpoints.JsonWebKeySet));
        context.UserInfoEndpoint = new Uri(o.EndpointUrl(MandateEndpoints.UserInfo));
        context.IntrospectionEndpoint = new Uri(o.EndpointUrl(MandateEndpoints.Introspection));
        context.Metadata["backchannel_authentication_endpoint"] = o.EndpointUrl(MandateEndpoints.BackchannelAuthentication);
        context.Metadata["backchannel_token_delivery_modes_supported"] = Array("poll", "ping");
        context.Metadata["backchannel_authentication_request_signing_alg_values_supported"] =
            Array([.. RequestObjectValidator.SupportedAlgorithms]);
        context.Metadata["backchannel_user_code_parameter_supported"] = true;
        context.Metadata["acr_values_supported"] = Array("push");
        context.Metadata["authorization_details_types_supported"] =
            Array([.. AuthorizationDetailsValidator.SupportedTypes]);
        foreach (var scope in scopes.All)
        {
            context.Scopes.Add(scope.Name);
        }

        return default;
    }

    private static OpenIddictParameter Array(params string[] values) => new(JsonSerializer.SerializeToElement(values));
}
