using System.Text.Json;

namespace Mandate.Server.Seeding;

/// <summary>A user in a seed file.</summary>
public sealed class SeedUser
{
    /// <summary>Subject id (<c>sub</c>).</summary>
    public string Subject { get; set; } = "";

    /// <summary>Sign-in name.</summary>
    public string Username { get; set; } = "";

    /// <summary>Password (hashed on import).</summary>
    public string Password { get; set; } = "";

    /// <summary>Optional CIBA user code (hashed on import).</summary>
    public string? UserCode { get; set; }

    /// <summary>Profile <c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Profile <c>email</c>.</summary>
    public string? Email { get; set; }

    /// <summary>Profile <c>address</c> (OIDC Core §5.1.1 object).</summary>
    public JsonElement? Address { get; set; }

    /// <summary>Whether the user is enabled (default true).</summary>
    public bool Enabled { get; set; } = true;
}
