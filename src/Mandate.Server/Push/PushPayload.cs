using System.Text.Json;

namespace Mandate.Server.Push;

/// <summary>
/// The plaintext of a push message (encrypted with <c>aes128gcm</c>, RFC 8291 §4): a JSON object with exactly
/// <c>id</c>, <c>client_name</c>, <c>binding_message</c> and <c>expires_at</c> (ISO 8601, as the device API writes it). The service worker shows
/// the client name and binding message and opens <c>/device?request=id</c>. Nothing that could redeem the request
/// (no token, secret or <c>auth_req_id</c>) is ever in it: push services and the device's notification tray see it.
/// </summary>
internal static class PushPayload
{
    /// <summary>The JSON text for <paramref name="notice"/>.</summary>
    public static string Create(PushNotice notice) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["id"] = notice.RequestId,
        ["client_name"] = notice.ClientName,
        ["binding_message"] = notice.BindingMessage,
        ["expires_at"] = notice.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    });
}
