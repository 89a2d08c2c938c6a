using System.Text.Json;

namespace Mandate.Server.AuthorizationDetails;

/// <summary>
/// The registered RFC 9396 <c>authorization_details</c> types, by name, in registration order. Built once; a type
/// name that is empty, holds whitespace or control characters, or is registered twice stops the start.
/// </summary>
internal sealed class AuthorizationDetailsTypes
{
    /// <summary>The description of an entry whose type is not registered (RFC 9396 §5).</summary>
    public const string UnsupportedType = "The authorization_details type is not supported.";

    private const int MaxNameLength = 100;

    private readonly Dictionary<string, IAuthorizationDetailsType> _byName = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="types"/>.</summary>
    /// <exception cref="InvalidOperationException">A name is invalid or registered twice.</exception>
    public AuthorizationDetailsTypes(IEnumerable<IAuthorizationDetailsType> types)
    {
        var names = new List<string>();
        foreach (var type in types)
        {
            var name = type.Type;
            if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw new InvalidOperationException(
                    "An authorization_details type needs a name of 1 to 100 characters without spaces or control characters.");
            }

            if (!_byName.TryAdd(name, type))
            {
                throw new InvalidOperationException("The authorization_details type '" + name + "' is registered twice.");
            }

            names.Add(name);
        }

        Names = names;
    }

    /// <summary>The type names, in registration order (<c>authorization_details_types_supported</c>).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Checks one entry of type <paramref name="type"/> with that type's validator. Returns null when it is valid, else
    /// the <c>error_description</c> (<see cref="UnsupportedType"/> for a type that is not registered).
    /// </summary>
    public string? Validate(string type, JsonElement detail) =>
        _byName.TryGetValue(type, out var registered) ? registered.Validate(detail) : UnsupportedType;
}
