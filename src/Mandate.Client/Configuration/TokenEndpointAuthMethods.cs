namespace Mandate.Client.Configuration;

/// <summary>Client authentication methods (RFC 7591 §2 <c>token_endpoint_auth_method</c> values) this client supports.</summary>
public static class TokenEndpointAuthMethods
{
    /// <summary>HTTP Basic with the form-encoded client id and secret (RFC 6749 §2.3.1).</summary>
    public const string ClientSecretBasic = "client_secret_basic";

    /// <summary>Client id and secret as form parameters (RFC 6749 §2.3.1).</summary>
    public const string ClientSecretPost = "client_secret_post";

    /// <summary>A JWT client assertion signed with the client's private key (RFC 7523 §2.2, OpenID Connect Core §9).</summary>
    public const string PrivateKeyJwt = "private_key_jwt";
}
