namespace Mandate.Server.Ciba;

/// <summary>A request waiting for the person's answer, as <see cref="PendingRequestPolicy"/> compares it.</summary>
internal sealed record PendingRequest(
    string Id,
    string ClientId,
    string Scopes,
    string? BindingMessage,
    string? AuthorizationDetailsJson,
    string? AcrValues,
    int Repeats,
    DateTimeOffset ExpiresAt);
