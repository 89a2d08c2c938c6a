namespace Mandate.Server.Data;

/// <summary>
/// One generation of the ES256 signing key. A new generation is published in the JWKS before
/// <see cref="ActivatesAt"/>, signs from then on, and its predecessor stays published for the retention period
/// (see <see cref="Keys.SigningKeySchedule"/>).
/// </summary>
internal sealed class SigningKey
{
    /// <summary>1 for the first key, then one more per rotation: the primary key, so two instances racing to create the
    /// same generation store it once.</summary>
    public int Generation { get; set; }

    /// <summary>Key id (the JWK <c>kid</c>), unique.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>The private key as a JWK (JSON).</summary>
    public string Material { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the key starts signing; until then it is only published.</summary>
    public DateTimeOffset ActivatesAt { get; set; }
}
