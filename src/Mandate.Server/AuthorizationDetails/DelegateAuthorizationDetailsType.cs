using System.Text.Json;

namespace Mandate.Server.AuthorizationDetails;

/// <summary>An <see cref="IAuthorizationDetailsType"/> made of a name and a validation callback.</summary>
internal sealed class DelegateAuthorizationDetailsType(string type, Func<JsonElement, string?> validate) : IAuthorizationDetailsType
{
    /// <inheritdoc />
    public string Type { get; } = type;

    /// <inheritdoc />
    public string? Validate(JsonElement detail) => validate(detail);
}
