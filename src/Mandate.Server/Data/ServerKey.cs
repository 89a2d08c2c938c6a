namespace Mandate.Server.Data;

/// <summary>A persisted server key generated once and never rotated: the encryption key (<c>enc</c>). The signing keys
/// rotate and live in <see cref="SigningKey"/>; a database made before rotation held its signing key here too.</summary>
internal sealed class ServerKey
{
    /// <summary><c>enc</c>.</summary>
    public string Use { get; set; } = "";

    /// <summary>Key id.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Private key material (JWK JSON for EC, base64 for symmetric).</summary>
    public string Material { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
