using Mandate.Server.Clients;
using Mandate.Server.Protocol;

namespace Mandate.Server.Ciba;

/// <summary>A backchannel authentication request that passed every check and can be stored.</summary>
internal sealed record ValidatedBackchannelRequest
{
    /// <summary>The authenticated client.</summary>
    public required RegisteredClient Client { get; init; }

    /// <summary>The user the hint named.</summary>
    public required string Subject { get; init; }

    /// <summary>Granted scopes and audience.</summary>
    public required ScopeGrant Scopes { get; init; }

    /// <summary>Normalized RFC 9396 authorization details (JSON array), if any.</summary>
    public string? AuthorizationDetailsJson { get; init; }

    /// <summary>The RFC 8707 resource the token is for, when the client named one.</summary>
    public string? Resource { get; init; }

    /// <summary>Binding message, if any.</summary>
    public string? BindingMessage { get; init; }

    /// <summary>ACR values, if any.</summary>
    public string? AcrValues { get; init; }

    /// <summary>Lifetime of the <c>auth_req_id</c>.</summary>
    public required TimeSpan ExpiresIn { get; init; }

    /// <summary><c>poll</c> or <c>ping</c>.</summary>
    public required string DeliveryMode { get; init; }

    /// <summary>Ping bearer token (ping mode only).</summary>
    public string? ClientNotificationToken { get; init; }
}
