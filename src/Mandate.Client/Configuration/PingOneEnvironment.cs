using Microsoft.Extensions.Configuration;

namespace Mandate.Client.Configuration;

/// <summary>
/// The environment variables of PingOne Advanced Identity Cloud's agent tutorial, read verbatim, and how they map onto
/// <see cref="MandateClientOptions"/>.
/// </summary>
public static class PingOneEnvironment
{
    /// <summary><c>PINGONE_TOKEN_ENDPOINT</c>: the token endpoint URL.</summary>
    public const string TokenEndpoint = "PINGONE_TOKEN_ENDPOINT";

    /// <summary><c>PINGONE_CLIENT_ID</c>: the agent's client id.</summary>
    public const string ClientId = "PINGONE_CLIENT_ID";

    /// <summary><c>PINGONE_CLIENT_SECRET</c>: the agent's client secret.</summary>
    public const string ClientSecret = "PINGONE_CLIENT_SECRET";

    /// <summary><c>PINGONE_CIBA_ENDPOINT</c>: the backchannel authentication endpoint URL.</summary>
    public const string CibaEndpoint = "PINGONE_CIBA_ENDPOINT";

    /// <summary><c>PINGONE_CIBA_AUDIENCE</c>: the <c>aud</c> of request objects (the OP's issuer).</summary>
    public const string CibaAudience = "PINGONE_CIBA_AUDIENCE";

    /// <summary><c>PINGONE_CIBA_ISSUER</c>: the <c>iss</c> of request objects (the client id).</summary>
    public const string CibaIssuer = "PINGONE_CIBA_ISSUER";

    /// <summary><c>PINGONE_CIBA_ACR_VALUES</c>: default <c>acr_values</c>, e.g. <c>push</c>.</summary>
    public const string CibaAcrValues = "PINGONE_CIBA_ACR_VALUES";

    /// <summary><c>PINGONE_CIBA_JWK</c>: the private signing JWK as JSON.</summary>
    public const string CibaJwk = "PINGONE_CIBA_JWK";

    /// <summary>
    /// Copies every tutorial variable present in <paramref name="configuration"/> (e.g. from environment variables or a
    /// <c>.env</c> file) onto <paramref name="options"/>. Values are trimmed and one pair of surrounding single or double
    /// quotes is removed; empty values are ignored.
    /// </summary>
    /// <param name="configuration">Configuration whose root holds the variables (the environment-variable provider does this).</param>
    /// <param name="options">The options to fill.</param>
    internal static void Apply(IConfiguration configuration, MandateClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        Set(configuration, TokenEndpoint, v => options.TokenEndpoint = v);
        Set(configuration, ClientId, v => options.ClientId = v);
        Set(configuration, ClientSecret, v => options.ClientSecret = v);
        Set(configuration, CibaEndpoint, v => options.BackchannelAuthenticationEndpoint = v);
        Set(configuration, CibaAudience, v => options.RequestObjectAudience = v);
        Set(configuration, CibaIssuer, v => options.RequestObjectIssuer = v);
        Set(configuration, CibaAcrValues, v => options.AcrValues = v);
        Set(configuration, CibaJwk, v => options.SigningJwk = v);
    }

    /// <summary>
    /// Names a setting for an error message: the tutorial variable and the configuration key, e.g.
    /// <c>PINGONE_CLIENT_ID (Mandate:Client:ClientId)</c>.
    /// </summary>
    /// <param name="property">A property name of <see cref="MandateClientOptions"/>.</param>
    /// <returns>The names under which the setting can be given.</returns>
    internal static string Describe(string property)
    {
        var key = $"{MandateClientOptions.SectionName}:{property}";
        var variable = property switch
        {
            nameof(MandateClientOptions.TokenEndpoint) => TokenEndpoint,
            nameof(MandateClientOptions.ClientId) => ClientId,
            nameof(MandateClientOptions.ClientSecret) => ClientSecret,
            nameof(MandateClientOptions.BackchannelAuthenticationEndpoint) => CibaEndpoint,
            nameof(MandateClientOptions.RequestObjectAudience) => CibaAudience,
            nameof(MandateClientOptions.RequestObjectIssuer) => CibaIssuer,
            nameof(MandateClientOptions.AcrValues) => CibaAcrValues,
            nameof(MandateClientOptions.SigningJwk) => CibaJwk,
            _ => null,
        };
        return variable is null ? key : $"{variable} ({key})";
    }

    /// <summary>Trims a value and removes one pair of matching surrounding quotes, as a <c>.env</c> file writes them.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The value without the quotes, or null when nothing is left.</returns>
    internal static string? Unquote(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var span = value.AsSpan().Trim();
        if (span.Length >= 2 && (span[0] == '\'' || span[0] == '"') && span[^1] == span[0])
        {
            span = span[1..^1].Trim();
        }

        return span.IsEmpty ? null : span.ToString();
    }

    private static void Set(IConfiguration configuration, string name, Action<string> assign)
    {
        var value = Unquote(configuration[name]);
        if (value is not null)
        {
            assign(value);
        }
    }
}
