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
}
