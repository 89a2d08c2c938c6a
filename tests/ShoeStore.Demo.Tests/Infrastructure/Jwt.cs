using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>Reads a JWT's payload (no validation: the store validates; tests only look).</summary>
internal static class Jwt
{
    public static JsonElement Payload(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1]));
        return document.RootElement.Clone();
    }
}
