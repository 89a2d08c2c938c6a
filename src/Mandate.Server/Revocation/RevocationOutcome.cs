namespace Mandate.Server.Revocation;

/// <summary>What a revocation request did. Every outcome is answered 200 (RFC 7009 §2.2); the difference is for logs and tests.</summary>
internal enum RevocationOutcome
{
    /// <summary>The caller's own access token, now on the deny list until its expiry.</summary>
    Revoked,

    /// <summary>Not a valid access token of this server (garbage, another issuer, an ID token, a bad signature): nothing to do.</summary>
    UnknownToken,

    /// <summary>Already expired: nothing to do.</summary>
    Expired,

    /// <summary>A valid token issued to another client: left alone (RFC 7009 §2.1).</summary>
    OtherClientsToken,
}
