namespace Mandate.Server.Data;

/// <summary>A <c>jti</c> already seen for a client (request objects, client assertions), kept until it expires.</summary>
internal sealed class UsedJwtId
{
    /// <summary>Hash of purpose, client and <c>jti</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>After this time the entry may be removed.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
