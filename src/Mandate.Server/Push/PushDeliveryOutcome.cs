namespace Mandate.Server.Push;

/// <summary>How sending one notice to one device ended.</summary>
internal enum PushDeliveryOutcome
{
    /// <summary>The push service accepted the message (RFC 8030 §5: <c>201 Created</c>).</summary>
    Delivered,

    /// <summary>The subscription no longer exists (RFC 8030 §7.3: <c>404</c>; push services also answer <c>410 Gone</c>):
    /// delete it.</summary>
    Gone,

    /// <summary>Not delivered: refused for good, out of attempts, or the request expired first.</summary>
    Failed,
}
