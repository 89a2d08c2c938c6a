namespace Mandate.Server.Configuration;

/// <summary>Endpoint paths relative to the issuer (PingOne Advanced Identity Cloud layout).</summary>
public static class MandateEndpoints
{
    /// <summary>Token endpoint.</summary>
    public const string Token = "access_token";

    /// <summary>Backchannel authentication endpoint (CIBA §7).</summary>
    public const string BackchannelAuthentication = "bc-authorize";

    /// <summary>JWKS.</summary>
    public const string JsonWebKeySet = "connect/jwk_uri";

    /// <summary>Userinfo.</summary>
    public const string UserInfo = "userinfo";

    /// <summary>Introspection.</summary>
    public const string Introspection = "introspect";

    /// <summary>Revocation.</summary>
    public const string Revocation = "token/revoke";

    /// <summary>OpenID Provider configuration.</summary>
    public const string Configuration = ".well-known/openid-configuration";

    /// <summary>CIBA grant type (CIBA §4).</summary>
    public const string CibaGrantType = "urn:openid:params:grant-type:ciba";
}
