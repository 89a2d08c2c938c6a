namespace Mandate.Client.Configuration;

/// <summary>CIBA token delivery modes (CIBA Core §4 <c>backchannel_token_delivery_mode</c>) this client supports.</summary>
public static class BackchannelTokenDeliveryModes
{
    /// <summary>The client polls the token endpoint (CIBA Core §5, §10.1).</summary>
    public const string Poll = "poll";

    /// <summary>The OP notifies the client's notification endpoint, then the client calls the token endpoint (CIBA Core §10.2).</summary>
    public const string Ping = "ping";
}
