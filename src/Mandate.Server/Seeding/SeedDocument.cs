using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mandate.Server.Seeding;

/// <summary>The <c>--seed FILE</c> format: scopes, users and clients (see docs/server.md).</summary>
public sealed class SeedDocument
{
    /// <summary>JSON options for seed files (snake_case names).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    /// <summary>Scopes.</summary>
    public List<SeedScope> Scopes { get; set; } = [];

    /// <summary>Users.</summary>
    public List<SeedUser> Users { get; set; } = [];

    /// <summary>Clients.</summary>
    public List<SeedClient> Clients { get; set; } = [];
}
