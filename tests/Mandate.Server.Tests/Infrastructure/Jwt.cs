using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>Builds compact JWTs by hand, so tests can also build malformed ones.</summary>
public static class Jwt
{
    public static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));

    public static string SignEs256(ECDsa key, string? kid, object payload, Dictionary<string, object>? extraHeader = null, string alg = "ES256")
    {
        var header = new Dictionary<string, object> { ["alg"] = alg };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        foreach (var (k, v) in extraHeader ?? [])
        {
            header[k] = v;
        }

        var input = Encode(header) + "." + Encode(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    public static string SignHs256(byte[] secret, object payload, string? kid = null)
    {
        var header = new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        var input = Encode(header) + "." + Encode(payload);
        return input + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    public static string Unsigned(object payload, string alg = "none") =>
        Encode(new Dictionary<string, object> { ["alg"] = alg }) + "." + Encode(payload) + ".";

    public static JsonElement Payload(string jwt) =>
        JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.Split('.')[1])).RootElement.Clone();

    public static JsonElement Header(string jwt) =>
        JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.Split('.')[0])).RootElement.Clone();
}
