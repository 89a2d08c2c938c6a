namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>One request of a <see cref="MalformedStoreCorpus"/>.</summary>
/// <param name="Name">What is odd about it (for failure messages; never the token).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query.</param>
/// <param name="ContentType">The raw Content-Type header, or null for none.</param>
/// <param name="Body">The raw body bytes.</param>
/// <param name="IdempotencyKey">The raw Idempotency-Key header, or null for none.</param>
/// <param name="Authenticated">Whether a valid access token (all scopes) goes with it.</param>
public sealed record MalformedStoreCase(string Name, string Method, string Path, string? ContentType, byte[] Body, string? IdempotencyKey, bool Authenticated);
