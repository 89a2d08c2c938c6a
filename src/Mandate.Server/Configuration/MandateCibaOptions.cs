namespace Mandate.Server.Configuration;

/// <summary>CIBA settings (section <c>Mandate:Ciba</c>).</summary>
public sealed class MandateCibaOptions
{
    /// <summary>
    /// Whether signed authentication requests must carry <c>jti</c> and <c>nbf</c>, as CIBA Core §7.1.1 says.
    /// Default false: PingOne Advanced Identity Cloud accepts request objects without them (its tutorial sends
    /// neither), so this server does too; without <c>jti</c> a digest of the signed content is kept against replay,
    /// and without <c>nbf</c> the lifetime is measured from <c>iat</c> (docs/security.md).
    /// </summary>
    public bool RequireJtiAndNbf { get; set; }
}
