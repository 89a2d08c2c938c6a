namespace Mandate.Server.Seeding;

/// <summary>A scope in a seed file.</summary>
public sealed class SeedScope
{
    /// <summary>Scope value.</summary>
    public string Name { get; set; } = "";

    /// <summary>Plain-language description shown on the device.</summary>
    public string Description { get; set; } = "";

    /// <summary>Resource server (token audience); omit for OpenID Connect scopes.</summary>
    public string? Resource { get; set; }

    /// <summary>Access-token lifetime in seconds (default 3600).</summary>
    public int? AccessTokenLifetime { get; set; }
}
