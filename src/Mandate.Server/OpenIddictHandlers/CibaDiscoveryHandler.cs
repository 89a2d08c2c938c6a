using System.Text.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Authentication;
using Mandate.Server.Configuration;
using Mandate.Server.Endpoints;
using Mandate.Server.Scopes;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Mandate.Server.OpenIddictHandlers;

/// <summary>
/// Adds the CIBA metadata (CIBA §4) and RFC 9396 <c>authorization_details_types_supported</c> to discovery,
/// lists the registered scopes, and derives every endpoint URL from the configured issuer. Advertises only what is
/// served: the RFC 7009 revocation endpoint (RFC 8414 §2 <c>revocation_endpoint</c>); <c>prompt_values_supported</c>
/// is left out by clearing OpenIddict's prompt values (there is no authorization endpoint). The token, introspection,
/// userinfo and revocation endpoints are Mandate's own: their URLs, the grant types (RFC 8414 §2
/// <c>grant_types_supported</c>) and the client authentication methods (<c>*_endpoint_auth_methods_supported</c>) are
/// set here.
/// </summary>
internal sealed class CibaDiscoveryHandler(IOptions<MandateServerOptions> options, ScopeCatalog scopes, AuthorizationDetailsValidator authorizationDetails) : IOpenIddictServerHandler<HandleConfigurationRequestContext>
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

        // The token, introspection, userinfo and RFC 7009 revocation endpoints are Mandate's own (not OpenIddict's), with
        // one client authentication (ClientAuthenticator): list them, their grant types and methods here.
        context.RevocationEndpoint = new Uri(o.EndpointUrl(MandateEndpoints.Revocation));
        Replace(context.GrantTypes, TokenEndpointHandler.GrantTypes);
        Replace(context.TokenEndpointAuthenticationMethods, AuthenticationMethods);
        Replace(context.IntrospectionEndpointAuthenticationMethods, AuthenticationMethods);
        Replace(context.RevocationEndpointAuthenticationMethods, AuthenticationMethods);
        context.Metadata["backchannel_authentication_endpoint"] = o.EndpointUrl(MandateEndpoints.BackchannelAuthentication);
        context.Metadata["backchannel_token_delivery_modes_supported"] = Array("poll", "ping");
        context.Metadata["backchannel_authentication_request_signing_alg_values_supported"] =
            Array([.. RequestObjectValidator.SupportedAlgorithms]);
        context.Metadata["backchannel_user_code_parameter_supported"] = true;
        // "push" (approve on the device) is accepted as the tutorial sends it; tokens carry the value of what the person did.
        context.Metadata["acr_values_supported"] = Array(["push", .. Passkeys.ApprovalMethod.AcrValues]);
        if (authorizationDetails.SupportedTypes.Count > 0)
        {
            // RFC 9396 §10: the registered types; with none, the field is left out (every request carrying
            // authorization_details is refused).
            context.Metadata["authorization_details_types_supported"] = Array([.. authorizationDetails.SupportedTypes]);
        }
        foreach (var scope in scopes.All)
        {
            context.Scopes.Add(scope.Name);
        }

        return default;
    }

    /// <summary>The client authentication methods of <see cref="ClientAuthenticator"/>, in the order discovery has always listed them.</summary>
    private static readonly string[] AuthenticationMethods = ["client_secret_post", "private_key_jwt", "client_secret_basic"];

    private static void Replace(HashSet<string> target, IEnumerable<string> values)
    {
        target.Clear();
        target.UnionWith(values);
    }

    private static OpenIddictParameter Array(params string[] values) => new(JsonSerializer.SerializeToElement(values));
}
