namespace Mandate.Server.Clients;

/// <summary>Client registrations as client authentication needs them (RFC 6749 §2.3): implemented by <see cref="ClientDirectory"/>.</summary>
internal interface IClientRegistry
{
    /// <summary>Finds a client by <c>client_id</c>.</summary>
    ValueTask<RegisteredClient?> FindAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Verifies a confidential client's secret (RFC 6749 §2.3.1); unknown clients and clients without a secret fail.</summary>
    ValueTask<bool> ValidateSecretAsync(string clientId, string secret, CancellationToken cancellationToken);
}
