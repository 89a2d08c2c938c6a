using System.Net;
using Mandate.Client.Authentication;

namespace Mandate.Client.Configuration;

/// <summary>
/// Checks <see cref="MandateClientOptions"/> at start-up (<c>ValidateOnStart</c>). Each message names the setting by its
/// tutorial variable and configuration key and says how to fix it; no message contains a setting's value.
/// </summary>
internal sealed class MandateClientOptionsValidator : IValidateOptions<MandateClientOptions>
{
    private static readonly string[] AuthMethods =
        [TokenEndpointAuthMethods.ClientSecretBasic, TokenEndpointAuthMethods.ClientSecretPost, TokenEndpointAuthMethods.PrivateKeyJwt];

    public ValidateOptionsResult Validate(string? name, MandateClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Name(nameof(options.ClientId))} is missing: set it to the agent's client id.");
        }

        CheckUrl(options.Issuer, nameof(options.Issuer), options.RequireHttps, failures);
        CheckUrl(options.TokenEndpoint, nameof(options.TokenEndpoint), options.RequireHttps, failures);
        CheckUrl(options.BackchannelAuthenticationEndpoint, nameof(options.BackchannelAuthenticationEndpoint), options.RequireHttps, failures);
        if (options.TokenEndpoint is null && options.Issuer is null)
        {
            failures.Add($"{Name(nameof(options.TokenEndpoint))} is missing: set it to the token endpoint URL, " +
                $"or set {Name(nameof(options.Issuer))} to use discovery.");
        }

        CheckAuthentication(options, failures);
        CheckCiba(options, failures);

        CheckRange(options.RequestObjectLifetime, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), nameof(options.RequestObjectLifetime), failures);
        CheckRange(options.ClientAssertionLifetime, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), nameof(options.ClientAssertionLifetime), failures);
        CheckRange(options.TokenExpirySkew, TimeSpan.Zero, TimeSpan.FromHours(1), nameof(options.TokenExpirySkew), failures);
        CheckRange(options.RetryBaseDelay, TimeSpan.Zero, TimeSpan.FromMinutes(5), nameof(options.RetryBaseDelay), failures);
        CheckRange(options.MaxRetryDelay, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(options.MaxRetryDelay), failures);
        CheckRange(options.DiscoveryCacheDuration, TimeSpan.Zero, TimeSpan.FromDays(7), nameof(options.DiscoveryCacheDuration), failures);
        if (options.HttpTimeout != Timeout.InfiniteTimeSpan)
        {
            CheckRange(options.HttpTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(10), nameof(options.HttpTimeout), failures);
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{Name(nameof(options.MaxRetries))} must be between 0 and 10.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAuthentication(MandateClientOptions options, List<string> failures)
    {
        var method = options.TokenEndpointAuthMethod ??
            (options.ClientSecret is null ? TokenEndpointAuthMethods.PrivateKeyJwt : TokenEndpointAuthMethods.ClientSecretBasic);
        if (!AuthMethods.Contains(method, StringComparer.Ordinal))
        {
            failures.Add($"{Name(nameof(options.TokenEndpointAuthMethod))} must be one of {string.Join(", ", AuthMethods)}.");
        }
        else if (method != TokenEndpointAuthMethods.PrivateKeyJwt && string.IsNullOrEmpty(options.ClientSecret))
        {
            failures.Add($"{Name(nameof(options.ClientSecret))} is missing: {method} needs the client secret.");
        }
        else if (method == TokenEndpointAuthMethods.PrivateKeyJwt && options.SigningJwk is null)
        {
            failures.Add($"{Name(nameof(options.SigningJwk))} is missing: set it to the agent's private JWK, or set " +
                $"{Name(nameof(options.ClientSecret))} to authenticate with the client secret.");
        }

        if (options.SigningJwk is not null && !JwkSigningKey.TryParse(options.SigningJwk, out _, out var error))
        {
            failures.Add($"{Name(nameof(options.SigningJwk))} {error}.");
        }
    }

    private static void CheckCiba(MandateClientOptions options, List<string> failures)
    {
        if (options.BackchannelAuthenticationEndpoint is not null && options.SigningJwk is null)
        {
            failures.Add($"{Name(nameof(options.SigningJwk))} is missing: CIBA requests are signed request objects (CIBA Core §7.1.1).");
        }

        if (options.BackchannelAuthenticationEndpoint is not null && options.RequestObjectAudience is null && options.Issuer is null)
        {
            failures.Add($"{Name(nameof(options.RequestObjectAudience))} is missing: set it to the OP's issuer (the aud of request objects).");
        }

        if (options.RequestObjectIssuer is not null && options.ClientId is not null &&
            !string.Equals(options.RequestObjectIssuer, options.ClientId, StringComparison.Ordinal))
        {
            failures.Add($"{Name(nameof(options.RequestObjectIssuer))} must equal {Name(nameof(options.ClientId))}: " +
                "the iss of a request object is the client id (CIBA Core §7.1.1).");
        }

        if (options.BackchannelTokenDeliveryMode is not (BackchannelTokenDeliveryModes.Poll or BackchannelTokenDeliveryModes.Ping))
        {
            failures.Add($"{Name(nameof(options.BackchannelTokenDeliveryMode))} must be 'poll' or 'ping'.");
        }
    }

    private static void CheckUrl(string? value, string property, bool requireHttps, List<string> failures)
    {
        if (value is null)
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ||
            uri.Fragment.Length > 0)
        {
            failures.Add($"{Name(property)} is not an absolute http(s) URL without a fragment.");
        }
        else if (requireHttps && uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            failures.Add($"{Name(property)} must use https (TLS is required, RFC 6749 §3.2, CIBA Core §7); " +
                $"http is allowed only for loopback hosts, or set {Name(nameof(MandateClientOptions.RequireHttps))} to false.");
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private static void CheckRange(TimeSpan value, TimeSpan min, TimeSpan max, string property, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{Name(property)} must be between {min} and {max}.");
        }
    }

    private static string Name(string property) => PingOneEnvironment.Describe(property);
}
