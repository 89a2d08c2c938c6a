using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;

namespace Mandate.Server.Keys;

/// <summary>Tells the options system to rebuild OpenIddict's server options when the key ring changes: the new
/// signing key signs, and the JWKS endpoint publishes the new set.</summary>
internal sealed class ServerKeyRingChangeTokenSource(ServerKeyRing keys) : IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    /// <inheritdoc />
    public string Name => Options.DefaultName;

    /// <inheritdoc />
    public IChangeToken GetChangeToken() => keys.GetChangeToken();
}
