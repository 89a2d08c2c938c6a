using System.Buffers.Text;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Client.Authentication;

/// <summary>
/// The agent's private signing key, read from a JSON Web Key (RFC 7517 §4, RFC 7518 §6), with the JWS algorithm it
/// signs with: EC P-256 → ES256 (P-384 → ES384, P-521 → ES512); RSA → PS256, or the RSA algorithm named by the JWK's
/// <c>alg</c> (e.g. RS256). Error messages name what is wrong and never contain key material.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class JwkSigningKey
{
    private static readonly string[] RsaAlgorithms = ["PS256", "PS384", "PS512", "RS256", "RS384", "RS512"];

    private JwkSigningKey(AsymmetricSecurityKey key, string algorithm, string? keyId, string publicJwk)
    {
        Key = key;
        Algorithm = algorithm;
        KeyId = keyId;
        PublicJwk = publicJwk;
        SigningCredentials = new SigningCredentials(key, algorithm);
    }

    /// <summary>The private key.</summary>
    public AsymmetricSecurityKey Key { get; }

    /// <summary>The JWS <c>alg</c> (RFC 7518 §3.1) this key signs with.</summary>
    public string Algorithm { get; }

    /// <summary>The JWK's <c>kid</c>, sent in the JOSE header when present (OpenID Connect Core §10.1).</summary>
    public string? KeyId { get; }

    /// <summary>The public half as a JWK JSON object (with <c>alg</c> and <c>use: sig</c>), to register with the OP.</summary>
    public string PublicJwk { get; }

    /// <summary>Credentials for <see cref="Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler"/>.</summary>
    public SigningCredentials SigningCredentials { get; }

    /// <summary>Reads a private JWK.</summary>
    /// <param name="json">The JWK as JSON; one pair of surrounding quotes is allowed.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">The value is not a usable private signing JWK; the message says why.</exception>
    public static JwkSigningKey Parse(string json) =>
        TryParse(json, out var key, out var error) ? key : throw new FormatException($"The JWK {error}.");

    /// <summary>Reads a private JWK without throwing.</summary>
    /// <param name="json">The JWK as JSON; one pair of surrounding quotes is allowed.</param>
    /// <param name="key">The key, when it could be read.</param>
    /// <param name="error">Why it could not, phrased to follow the setting's name ("is not valid JSON …").</param>
    /// <returns>Whether the key could be read.</returns>
    public static bool TryParse(string? json, [NotNullWhen(true)] out JwkSigningKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        var text = Configuration.PingOneEnvironment.Unquote(json);
        if (text is null)
        {
            error = "is empty";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            // The exception's own message may quote the input: report only the position.
            error = $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "is not a JSON object";
                return false;
            }

            var use = Member(root, "use");
            if (use is not null && use != "sig")
            {
                error = "has \"use\" other than \"sig\": it must be a signing key";
                return false;
            }

            try
            {
                return Member(root, "kty") switch
                {
                    "EC" => TryReadEc(root, out key, out error),
                    "RSA" => TryReadRsa(root, out key, out error),
                    null => Fail("has no \"kty\"", out error),
                    _ => Fail("has an unsupported \"kty\": use an EC (P-256) or RSA key", out error),
                };
            }
            catch (FormatException)
            {
                return Fail("has a member that is not base64url", out error);
            }
            catch (CryptographicException)
            {
                return Fail("does not hold a valid private key", out error);
            }
        }
    }

    /// <summary>Shows the algorithm and key id, never key material.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => $"JwkSigningKey {{ Algorithm = {Algorithm}, KeyId = {KeyId} }}";

    private static bool TryReadEc(JsonElement root, out JwkSigningKey? key, out string? error)
    {
        key = null;
        var (curve, algorithm, size) = Member(root, "crv") switch
        {
            "P-256" => (ECCurve.NamedCurves.nistP256, "ES256", 32),
            "P-384" => (ECCurve.NamedCurves.nistP384, "ES384", 48),
            "P-521" => (ECCurve.NamedCurves.nistP521, "ES512", 66),
            _ => (default(ECCurve), "", 0),
        };
        if (size == 0)
        {
            return Fail("has an unsupported or missing \"crv\": use P-256", out error);
        }

        var alg = Member(root, "alg");
        if (alg is not null && alg != algorithm)
        {
            return Fail($"has \"alg\" that does not fit its curve (expected {algorithm})", out error);
        }

        var d = Bytes(root, "d");
        if (d is null)
        {
            return Fail("has no private part (\"d\"): it must be the private key; register its public half with the OP", out error);
        }

        var x = Bytes(root, "x");
        var y = Bytes(root, "y");
        if (x is null || y is null || x.Length != size || y.Length != size || d.Length != size)
        {
            return Fail("has \"x\", \"y\" or \"d\" missing or of the wrong length for its curve", out error);
        }

        var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, D = d, Q = new ECPoint { X = x, Y = y } });
        CryptographicOperations.ZeroMemory(d);
        var kid = Member(root, "kid");
        var publicJwk = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["kty"] = "EC",
            ["crv"] = Member(root, "crv"),
            ["x"] = Member(root, "x"),
            ["y"] = Member(root, "y"),
            ["kid"] = kid,
            ["alg"] = algorithm,
            ["use"] = "sig",
        }.Where(p => p.Value is not null).ToDictionary());
        key = new JwkSigningKey(new ECDsaSecurityKey(ecdsa) { KeyId = kid }, algorithm, kid, publicJwk);
        error = null;
        return true;
    }

    private static bool TryReadRsa(JsonElement root, out JwkSigningKey? key, out string? error)
    {
        key = null;
        var alg = Member(root, "alg") ?? "PS256";
        if (!RsaAlgorithms.Contains(alg, StringComparer.Ordinal))
        {
            return Fail("has \"alg\" that is not an RSA signature algorithm (PS256, RS256, …)", out error);
        }

        var parameters = new RSAParameters
        {
            Modulus = Bytes(root, "n"),
            Exponent = Bytes(root, "e"),
            D = Bytes(root, "d"),
            P = Bytes(root, "p"),
            Q = Bytes(root, "q"),
            DP = Bytes(root, "dp"),
            DQ = Bytes(root, "dq"),
            InverseQ = Bytes(root, "qi"),
        };
        if (parameters.D is null)
        {
            return Fail("has no private part (\"d\"): it must be the private key; register its public half with the OP", out error);
        }

        if (parameters.Modulus is null || parameters.Exponent is null || parameters.P is null || parameters.Q is null ||
            parameters.DP is null || parameters.DQ is null || parameters.InverseQ is null)
        {
            return Fail("lacks one of \"n\", \"e\", \"p\", \"q\", \"dp\", \"dq\", \"qi\"", out error);
        }

        if (parameters.Modulus.Length < 256)
        {
            return Fail("is an RSA key shorter than 2048 bits", out error);
        }

        var rsa = RSA.Create();
        rsa.ImportParameters(parameters);
        CryptographicOperations.ZeroMemory(parameters.D);
        var kid = Member(root, "kid");
        var publicJwk = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["kty"] = "RSA",
            ["n"] = Member(root, "n"),
            ["e"] = Member(root, "e"),
            ["kid"] = kid,
            ["alg"] = alg,
            ["use"] = "sig",
        }.Where(p => p.Value is not null).ToDictionary());
        key = new JwkSigningKey(new RsaSecurityKey(rsa) { KeyId = kid }, alg, kid, publicJwk);
        error = null;
        return true;
    }

    private static string? Member(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Bytes(JsonElement root, string name) =>
        Member(root, name) is { Length: > 0 } text ? Base64Url.DecodeFromChars(text) : null;

    private static bool Fail(string reason, out string? error)
    {
        error = reason;
        return false;
    }
}
