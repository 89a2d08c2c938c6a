using Mandate.AI.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends tool tokens with an HTTP client.</summary>
public static class ToolTokenHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ToolTokenHandler"/>: requests made inside an authorized tool call carry its token as
    /// <c>Authorization: Bearer</c> (RFC 6750 §2.1). Add it only to clients of the API the tokens are for.
    /// </summary>
    /// <param name="builder">The HTTP client's builder.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddToolAccessToken(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddTransient<ToolTokenHandler>();
        return builder.AddHttpMessageHandler<ToolTokenHandler>();
    }

    /// <summary>
    /// Adds <see cref="ToolTokenHandler"/> for a client of one protected resource, such as an MCP server over Streamable
    /// HTTP: requests inside an authorized tool call carry its token (RFC 6750 §2.1); requests outside one, or in a call
    /// that needs no token (MCP <c>initialize</c>, <c>tools/list</c>, a public tool), carry the agent's own Client
    /// Credentials token for <paramref name="resource"/> (RFC 8707 §2) and <paramref name="scopes"/>. A 403 <c>insufficient_scope</c>
    /// met in a call lets the call step up once (MCP authorization 2025-11-25, "Scope Challenge Handling").
    /// Needs an <see cref="IToolTokenSource"/> (e.g. <c>AddMandateClientTokenSource()</c>).
    /// </summary>
    /// <param name="builder">The HTTP client's builder.</param>
    /// <param name="resource">The resource's identifier, e.g. the MCP server's URL (its RFC 9728 <c>resource</c>).</param>
    /// <param name="scopes">The scopes of the agent's own token (RFC 6749 §3.3): the least the resource accepts for its
    /// protocol requests. An authorization server may refuse a Client Credentials request without any (Mandate.Server does).</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddToolAccessToken(this IHttpClientBuilder builder, string resource, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(builder);
        if (!Uri.TryCreate(resource, UriKind.Absolute, out var url) || !string.IsNullOrEmpty(url.Fragment))
        {
            throw new ArgumentException("The resource must be an absolute URI without a fragment (RFC 8707 §2).", nameof(resource));
        }

        return builder.AddHttpMessageHandler(services => new ToolTokenHandler(services.GetRequiredService<IToolTokenSource>(), resource, [.. scopes]));
    }
}
