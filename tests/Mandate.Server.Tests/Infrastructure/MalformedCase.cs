namespace Mandate.Server.Tests.Infrastructure;

/// <summary>One malformed request of a <see cref="MalformedCorpus"/>: what is sent, and a short name for failure messages.</summary>
/// <param name="Name">What is odd about it (for the failure message; never the body).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query.</param>
/// <param name="ContentType">The raw Content-Type header, or null for none.</param>
/// <param name="Body">The raw body bytes.</param>
/// <param name="Authenticated">Whether valid credentials go with it (client Basic authentication or a device session).</param>
public sealed record MalformedCase(string Name, string Method, string Path, string? ContentType, byte[] Body, bool Authenticated);
