namespace Mandate.Client.ClientCredentials;

/// <summary>What a cached Client Credentials token is for: one server, one client, one scope set, one resource (RFC 8707).</summary>
/// <param name="TokenEndpoint">The token endpoint.</param>
/// <param name="ClientId">The client id.</param>
/// <param name="Scope">The canonical scope string (<see cref="ScopeSet"/>).</param>
/// <param name="Resource">The resource indicator, if any.</param>
internal readonly record struct ClientCredentialsCacheKey(string TokenEndpoint, string ClientId, string Scope, string? Resource);
