namespace Mandate.Server.Configuration;

/// <summary>The person's device page and its passkeys (section <c>Mandate:Device</c>, docs/device.md "Passkeys").</summary>
public sealed class MandateDeviceOptions
{
    /// <summary>The default <see cref="RelyingPartyId"/>.</summary>
    public const string DefaultRelyingPartyId = "localhost";

    /// <summary>The default of <see cref="PasskeyRequiredForScopes"/>.</summary>
    public static readonly IReadOnlyList<string> DefaultPasskeyRequiredForScopes = ["payment"];

    /// <summary>
    /// The WebAuthn relying-party id (WebAuthn Level 3 §5.1.4.1 <c>rp.id</c>, §6.1 <c>rpIdHash</c>): a domain, never an IP
    /// address (browsers refuse one), equal to the device page's host or a registrable suffix of it. Default
    /// <c>localhost</c>, so passkeys work on <c>http://localhost:5100/device</c>.
    /// </summary>
    public string RelyingPartyId { get; set; } = DefaultRelyingPartyId;

    /// <summary>The relying party's name the browser shows when a passkey is made (WebAuthn Level 3 §5.4.1 <c>rp.name</c>).</summary>
    public string RelyingPartyName { get; set; } = "Mandate";

    /// <summary>
    /// The origins the device page is served from, e.g. <c>https://auth.example.com</c>: an assertion's
    /// <c>clientDataJSON.origin</c> must be one of them (WebAuthn Level 3 §7.2 step 9). Empty or unset: the issuer's
    /// scheme and port with <see cref="RelyingPartyId"/> as host, e.g. <c>http://localhost:5100</c> for the default
    /// issuer.
    /// </summary>
    public IList<string>? AllowedOrigins { get; set; }

    /// <summary>
    /// Scopes whose approval needs a passkey assertion with user verification, once the person has a passkey (a
    /// person without one still approves with a click, and the page offers to add one). Unset: <c>["payment"]</c>.
    /// Set it to replace the default; an empty list turns the requirement off.
    /// </summary>
    public IList<string>? PasskeyRequiredForScopes { get; set; }
}
