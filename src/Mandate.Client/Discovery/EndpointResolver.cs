using Mandate.Client.Http;

namespace Mandate.Client.Discovery;

/// <summary>
/// Decides the endpoints: explicit settings win; what is missing comes from the issuer's discovery document (cached).
/// When nothing is missing, no discovery request is made.
/// </summary>
internal sealed class EndpointResolver
{
    private readonly MandateClientOptions _options;
    private readonly DiscoveryCache _discovery;
    private readonly ClientEndpoints? _configured;
    private Discovered? _lastDiscovered;

    public EndpointResolver(IOptions<MandateClientOptions> options, DiscoveryCache discovery)
    {
        _options = options.Value;
        _discovery = discovery;
        var audience = _options.RequestObjectAudience ?? _options.Issuer;
        if (Absolute(_options.TokenEndpoint) is { } token &&
            (_options.Issuer is null || Absolute(_options.BackchannelAuthenticationEndpoint) is not null))
        {
            _configured = new ClientEndpoints(token, Absolute(_options.BackchannelAuthenticationEndpoint), audience);
        }
    }

    public ValueTask<ClientEndpoints> ResolveAsync(OAuthHttpClient http, CancellationToken cancellationToken)
    {
        if (_configured is not null)
        {
            return new ValueTask<ClientEndpoints>(_configured);
        }

        if (_options.Issuer is null)
        {
            throw new InvalidOperationException(
                $"{PingOneEnvironment.Describe(nameof(MandateClientOptions.TokenEndpoint))} is missing, and no issuer is set for discovery.");
        }

        var pending = _discovery.GetAsync(_options.Issuer, http, cancellationToken);
        return pending.IsCompletedSuccessfully ? new ValueTask<ClientEndpoints>(Combine(pending.Result)) : AwaitAsync(pending);
    }

    private async ValueTask<ClientEndpoints> AwaitAsync(ValueTask<ProviderMetadata> pending) => Combine(await pending.ConfigureAwait(false));

    private ClientEndpoints Combine(ProviderMetadata metadata)
    {
        var last = Volatile.Read(ref _lastDiscovered);
        if (last is not null && ReferenceEquals(last.Metadata, metadata))
        {
            return last.Endpoints;
        }

        var endpoints = new ClientEndpoints(
            Absolute(_options.TokenEndpoint) ?? RequireTls(metadata.TokenEndpoint, "token_endpoint"),
            Absolute(_options.BackchannelAuthenticationEndpoint) ??
                (metadata.BackchannelAuthenticationEndpoint is { } backchannel ? RequireTls(backchannel, "backchannel_authentication_endpoint") : null),
            _options.RequestObjectAudience ?? metadata.Issuer);
        Volatile.Write(ref _lastDiscovered, new Discovered(metadata, endpoints));
        return endpoints;
    }

    /// <summary>A discovered endpoint must use TLS like a configured one (RFC 6749 §3.2), loopback excepted.</summary>
    private Uri RequireTls(Uri endpoint, string member) =>
        !_options.RequireHttps || endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback)
            ? endpoint
            : throw new Tokens.OAuthProtocolException($"The discovery document's {member} does not use https.");

    private sealed record Discovered(ProviderMetadata Metadata, ClientEndpoints Endpoints);

    private static Uri? Absolute(string? value) =>
        value is not null && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
