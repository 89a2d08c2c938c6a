namespace Mandate.Server.Push;

/// <summary>
/// What the person's devices are told when an agent asks (docs/device.md, "Notifications on your phone"): enough to
/// show the request, nothing that could redeem it. Never a token, a secret or the <c>auth_req_id</c> (CIBA Core §7.3).
/// </summary>
/// <param name="RequestId">The device request id (the id the device API and page use).</param>
/// <param name="Subject">The person (<c>sub</c>) whose devices are notified.</param>
/// <param name="ClientName">The client's display name.</param>
/// <param name="BindingMessage">The binding message (CIBA Core §7.1), if the client sent one.</param>
/// <param name="ExpiresAt">When the request expires; the push lives no longer (RFC 8030 §5.2 <c>TTL</c>).</param>
internal sealed record PushNotice(string RequestId, string Subject, string ClientName, string? BindingMessage, DateTimeOffset ExpiresAt);
