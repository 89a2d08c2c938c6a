namespace Mandate.Server.Data;

/// <summary>A persisted server key (signing or encryption), generated once.</summary>
public sealed class ServerKey
{
    /// <summary><c>sig</c> or <c>enc</c>.</summary>
    public string Use { get; set; } = "";

    /// <summary>Key id.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Private key material (JWK JSON for EC, base64 for symmetric).</summary>
    public string Material { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
