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
internal sealed class JwkSigningKey
{
    private static readonly string[] RsaAlgorithms =
    [
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
    ];

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

        if (!TryReadMembers(text, out var jwk, out error))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(jwk.Use) && jwk.Use != "sig")
        {
            return Fail("has \"use\" other than \"sig\": it must be a signing key", out error);
        }

        try
        {
            return jwk.Kty switch
            {
                JsonWebAlgorithmsKeyTypes.EllipticCurve => TryReadEc(jwk, out key, out error),
                JsonWebAlgorithmsKeyTypes.RSA => TryReadRsa(jwk, out key, out error),
                null or "" => Fail("has no \"kty\"", out error),
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

    /// <summary>Shows the algorithm and key id, never key material.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => $"JwkSigningKey {{ Algorithm = {Algorithm}, KeyId = {KeyId} }}";

    /// <summary>
    /// Reads the JWK's string members (RFC 7517 §4, RFC 7518 §6) into Microsoft.IdentityModel's <see cref="JsonWebKey"/>;
    /// a member of another JSON type counts as absent. The JSON is parsed here rather than by <see cref="JsonWebKey"/>'s
    /// own constructor so that a syntax error is reported by its position and no library message or log quotes the key.
    /// </summary>
    private static bool TryReadMembers(string text, [NotNullWhen(true)] out JsonWebKey? jwk, [NotNullWhen(false)] out string? error)
    {
        jwk = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
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

            jwk = new JsonWebKey
            {
                Kty = Member(root, "kty"),
                Use = Member(root, "use"),
                Alg = Member(root, "alg"),
                Kid = Member(root, "kid"),
                Crv = Member(root, "crv"),
                X = Member(root, "x"),
                Y = Member(root, "y"),
                D = Member(root, "d"),
                N = Member(root, "n"),
                E = Member(root, "e"),
                P = Member(root, "p"),
                Q = Member(root, "q"),
                DP = Member(root, "dp"),
                DQ = Member(root, "dq"),
                QI = Member(root, "qi"),
            };
            error = null;
            return true;
        }
    }

    /// <summary>
    /// An EC private key (RFC 7518 §6.2): the curve names the algorithm (RFC 7518 §3.4), <c>x</c>, <c>y</c> and <c>d</c>
    /// have the curve's full length (§6.2.1.2, §6.2.2.1), and Microsoft.IdentityModel's <see cref="JsonWebKeyConverter"/>
    /// turns the members into the <see cref="ECDsa"/> key, which checks that they form a key.
    /// </summary>
    private static bool TryReadEc(JsonWebKey jwk, out JwkSigningKey? key, out string? error)
    {
        key = null;
        var (algorithm, size) = jwk.Crv switch
        {
            JsonWebKeyECTypes.P256 => (SecurityAlgorithms.EcdsaSha256, 32),
            JsonWebKeyECTypes.P384 => (SecurityAlgorithms.EcdsaSha384, 48),
            JsonWebKeyECTypes.P521 => (SecurityAlgorithms.EcdsaSha512, 66),
            _ => ("", 0),
        };
        if (size == 0)
        {
            return Fail("has an unsupported or missing \"crv\": use P-256", out error);
        }

        if (!string.IsNullOrEmpty(jwk.Alg) && jwk.Alg != algorithm)
        {
            return Fail($"has \"alg\" that does not fit its curve (expected {algorithm})", out error);
        }

        if (string.IsNullOrEmpty(jwk.D))
        {
            return Fail("has no private part (\"d\"): it must be the private key; register its public half with the OP", out error);
        }

        if (DecodedLength(jwk.X) != size || DecodedLength(jwk.Y) != size || DecodedLength(jwk.D) != size)
        {
            return Fail("has \"x\", \"y\" or \"d\" missing or of the wrong length for its curve", out error);
        }

        if (!JsonWebKeyConverter.TryConvertToSecurityKey(jwk, out var converted) || converted is not ECDsaSecurityKey ecdsa)
        {
            return Fail("does not hold a valid private key", out error);
        }

        ecdsa.KeyId = jwk.Kid;
        var publicJwk = SerializePublicJwk(new()
        {
            ["kty"] = JsonWebAlgorithmsKeyTypes.EllipticCurve,
            ["crv"] = jwk.Crv,
            ["x"] = jwk.X,
            ["y"] = jwk.Y,
            ["kid"] = jwk.Kid,
            ["alg"] = algorithm,
        });
        key = new JwkSigningKey(ecdsa, algorithm, jwk.Kid, publicJwk);
        error = null;
        return true;
    }

    /// <summary>
    /// An RSA private key with its CRT members (RFC 7518 §6.3.2) of at least 2048 bits (§3.3), for PS256 or the RSA
    /// algorithm its <c>alg</c> names. <see cref="JsonWebKeyConverter"/> reads the members; the key is imported at once,
    /// so a key whose members do not belong together fails here rather than at the first signature.
    /// </summary>
    private static bool TryReadRsa(JsonWebKey jwk, out JwkSigningKey? key, out string? error)
    {
        key = null;
        var alg = string.IsNullOrEmpty(jwk.Alg) ? SecurityAlgorithms.RsaSsaPssSha256 : jwk.Alg;
        if (!RsaAlgorithms.Contains(alg, StringComparer.Ordinal))
        {
            return Fail("has \"alg\" that is not an RSA signature algorithm (PS256, RS256, …)", out error);
        }

        if (string.IsNullOrEmpty(jwk.D))
        {
            return Fail("has no private part (\"d\"): it must be the private key; register its public half with the OP", out error);
        }

        if (new[] { jwk.N, jwk.E, jwk.P, jwk.Q, jwk.DP, jwk.DQ, jwk.QI }.Any(string.IsNullOrEmpty))
        {
            return Fail("lacks one of \"n\", \"e\", \"p\", \"q\", \"dp\", \"dq\", \"qi\"", out error);
        }

        if (!JsonWebKeyConverter.TryConvertToSecurityKey(jwk, out var converted) || converted is not RsaSecurityKey { Parameters: var parameters })
        {
            return Fail("does not hold a valid private key", out error);
        }

        if (parameters.Modulus is null || parameters.Modulus.Length < 256)
        {
            return Fail("is an RSA key shorter than 2048 bits", out error);
        }

        var rsa = RSA.Create();
        rsa.ImportParameters(parameters);
        if (parameters.D is not null)
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }

        var publicJwk = SerializePublicJwk(new()
        {
            ["kty"] = JsonWebAlgorithmsKeyTypes.RSA,
            ["n"] = jwk.N,
            ["e"] = jwk.E,
            ["kid"] = jwk.Kid,
            ["alg"] = alg,
        });
        key = new JwkSigningKey(new RsaSecurityKey(rsa) { KeyId = jwk.Kid }, alg, jwk.Kid, publicJwk);
        error = null;
        return true;
    }

    private static string? Member(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The public JWK to register with the OP: the given members that are set, and <c>use: sig</c>.</summary>
    private static string SerializePublicJwk(Dictionary<string, string?> members)
    {
        members["use"] = "sig";
        return JsonSerializer.Serialize(members.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary());
    }

    /// <summary>The number of bytes a base64url member holds (0 when absent), counted without decoding the private part.</summary>
    /// <exception cref="FormatException">The member is not base64url.</exception>
    private static int DecodedLength(string? value) =>
        string.IsNullOrEmpty(value) ? 0
        : Base64Url.IsValid(value, out var length) ? length
        : throw new FormatException("A JWK member is not base64url.");

    private static bool Fail(string reason, out string? error)
    {
        error = reason;
        return false;
    }
}
