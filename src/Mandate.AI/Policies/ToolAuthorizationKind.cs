namespace Mandate.AI.Policies;

/// <summary>How a tool is authorized (the tutorial's "auth" column).</summary>
public enum ToolAuthorizationKind
{
    /// <summary>No policy was set. A tool with this kind is refused.</summary>
    Unspecified = 0,

    /// <summary>Public: the tool runs without a token. Configuration word <c>none</c> (or <c>public</c>).</summary>
    Public,

    /// <summary>
    /// The agent acts on its own: a Client Credentials token (RFC 6749 §4.4). Configuration word
    /// <c>client_credentials</c> (or <c>autonomous</c>).
    /// </summary>
    Autonomous,

    /// <summary>
    /// The agent acts for the user, who approves on their own device: a CIBA token (CIBA Core §7). Configuration
    /// word <c>ciba</c> (or <c>on_behalf_of</c>).
    /// </summary>
    OnBehalfOfUser,
}
