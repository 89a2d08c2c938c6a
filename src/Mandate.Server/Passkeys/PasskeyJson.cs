using System.Text.Json;

namespace Mandate.Server.Passkeys;

/// <summary>Reads the browser's <c>PublicKeyCredential</c> JSON (WebAuthn Level 3 §5.1.8 <c>toJSON()</c>: base64url
/// byte strings) into the Fido2 library's types.</summary>
internal static class PasskeyJson
{
    /// <summary>The value, or null when <paramref name="element"/> is not of that shape.</summary>
    public static T? Read<T>(JsonElement element)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return element.Deserialize<T>();
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }
}
