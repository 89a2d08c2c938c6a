namespace ShoeStore.Agent.Store;

/// <summary>
/// Why the store refused a request: its RFC 9457 problem details, the RFC 6750 <c>error</c> of a
/// <c>WWW-Authenticate: Bearer</c> challenge, or a transport failure (status 0).
/// </summary>
internal sealed record StoreProblem(int Status, string? Type, string? Title, string? Detail, IReadOnlyDictionary<string, string[]>? Errors, string? BearerError);
