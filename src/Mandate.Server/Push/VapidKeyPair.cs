namespace Mandate.Server.Push;

/// <summary>The server's VAPID key pair (RFC 8292 §3.2), in the forms Web Push uses.</summary>
/// <param name="PublicKey">The uncompressed P-256 point (65 bytes, <c>0x04 ‖ X ‖ Y</c>), base64url without padding:
/// the browser's <c>applicationServerKey</c> and the <c>k</c> parameter of the <c>vapid</c> authorization.</param>
/// <param name="PrivateKey">The private scalar <c>d</c> (32 bytes), base64url without padding. Never leaves the server.</param>
internal sealed record VapidKeyPair(string PublicKey, string PrivateKey)
{
    /// <summary>Hides the private key from logs and debugger displays.</summary>
    public override string ToString() => "VapidKeyPair { PublicKey = " + PublicKey + " }";
}
