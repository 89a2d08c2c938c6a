namespace ShoeStore.Agent.Store;

/// <summary>An RFC 9457 problem body (with ASP.NET Core's validation <c>errors</c>).</summary>
internal sealed record ProblemBody(string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors);
