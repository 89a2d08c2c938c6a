using System.Buffers.Binary;
using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Mandate.Server.Tests.Passkeys;

/// <summary>
/// A software WebAuthn authenticator and client for API tests (the browser tests use Chromium's virtual one): one
/// ES256 discoverable credential, <c>fmt: none</c> attestation (WebAuthn Level 3 §8.7), assertions over
/// <c>authenticatorData ‖ SHA-256(clientDataJSON)</c> (§6.3.3) with a counter that goes up by one per signature. It
/// answers with <c>PublicKeyCredential.toJSON()</c> shapes (§5.1.8), as the page sends them.
/// </summary>
public sealed class TestAuthenticator(string rpId = "localhost", string origin = "http://localhost") : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    public byte[] UserHandle { get; private set; } = [];

    public uint SignCount { get; set; }

    /// <summary>Answers creation options (the server's JSON) like <c>navigator.credentials.create</c>.</summary>
    public JsonObject Create(JsonElement options)
    {
        UserHandle = Base64Url.DecodeFromChars(options.GetProperty("user").GetProperty("id").GetString());
        var clientData = ClientData("webauthn.create", options.GetProperty("challenge").GetString()!);
        var parameters = _key.ExportParameters(false);
        var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cose.WriteStartMap(5);
        cose.WriteInt32(1); cose.WriteInt32(2);    // kty: EC2
        cose.WriteInt32(3); cose.WriteInt32(-7);   // alg: ES256
        cose.WriteInt32(-1); cose.WriteInt32(1);   // crv: P-256
        cose.WriteInt32(-2); cose.WriteByteString(parameters.Q.X!);
        cose.WriteInt32(-3); cose.WriteByteString(parameters.Q.Y!);
        cose.WriteEndMap();
        var credentialIdLength = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(credentialIdLength, (ushort)CredentialId.Length);
        byte[] authenticatorData = [.. AuthenticatorData(0x45, 0), .. new byte[16], .. credentialIdLength, .. CredentialId, .. cose.Encode()];
        var attestation = new CborWriter(CborConformanceMode.Ctap2Canonical);
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt"); attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt"); attestation.WriteStartMap(0); attestation.WriteEndMap();
        attestation.WriteTextString("authData"); attestation.WriteByteString(authenticatorData);
        attestation.WriteEndMap();
        return Credential(new JsonObject
        {
            ["attestationObject"] = B64(attestation.Encode()),
            ["clientDataJSON"] = B64(clientData),
            ["transports"] = new JsonArray("internal"),
        });
    }

    /// <summary>Answers request options like <c>navigator.credentials.get</c>.</summary>
    public JsonObject Get(JsonElement options, bool userVerified = true) =>
        Sign(options.GetProperty("challenge").GetString()!, userVerified);

    /// <summary>Signs an assertion over any challenge (base64url).</summary>
    public JsonObject Sign(string challenge, bool userVerified = true, string? overrideOrigin = null)
    {
        SignCount++;
        var clientData = ClientData("webauthn.get", challenge, overrideOrigin);
        var authenticatorData = AuthenticatorData((byte)(0x01 | (userVerified ? 0x04 : 0)), SignCount);
        var signature = _key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Credential(new JsonObject
        {
            ["authenticatorData"] = B64(authenticatorData),
            ["clientDataJSON"] = B64(clientData),
            ["signature"] = B64(signature),
            ["userHandle"] = B64(UserHandle),
        });
    }

    public void Dispose() => _key.Dispose();

    private JsonObject Credential(JsonObject response) => new()
    {
        ["id"] = B64(CredentialId),
        ["rawId"] = B64(CredentialId),
        ["type"] = "public-key",
        ["response"] = response,
        ["clientExtensionResults"] = new JsonObject(),
        ["authenticatorAttachment"] = "platform",
    };

    private byte[] ClientData(string type, string challenge, string? overrideOrigin = null) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["type"] = type, ["challenge"] = challenge, ["origin"] = overrideOrigin ?? origin, ["crossOrigin"] = false }.ToJsonString());

    private byte[] AuthenticatorData(byte flags, uint counter)
    {
        var data = new byte[37];
        SHA256.HashData(Encoding.UTF8.GetBytes(rpId), data);
        data[32] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(33), counter);
        return data;
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
