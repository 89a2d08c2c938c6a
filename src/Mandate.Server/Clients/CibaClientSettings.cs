namespace Mandate.Server.Clients;

/// <summary>A client's CIBA registration metadata (CIBA §4), stored as OpenIddict application properties.</summary>
internal sealed record CibaClientSettings
{
    /// <summary>Property names in the application's <c>Properties</c>.</summary>
    public const string DeliveryModeProperty = "backchannel_token_delivery_mode";

    /// <summary>Property name of the notification endpoint.</summary>
    public const string NotificationEndpointProperty = "backchannel_client_notification_endpoint";

    /// <summary>Property name of the signing alg.</summary>
    public const string SigningAlgProperty = "backchannel_authentication_request_signing_alg";

    /// <summary>Property name of the user-code flag.</summary>
    public const string UserCodeProperty = "backchannel_user_code_parameter";

    /// <summary><c>poll</c> or <c>ping</c> (REQUIRED for CIBA clients).</summary>
    public string? DeliveryMode { get; init; }

    /// <summary>Ping callback URL.</summary>
    public Uri? NotificationEndpoint { get; init; }

    /// <summary>When set, every authentication request must be a request object signed with this alg.</summary>
    public string? RequestSigningAlg { get; init; }

    /// <summary>Whether the client sends a <c>user_code</c> (CIBA §7.1.2).</summary>
    public bool UserCodeParameter { get; init; }
}
