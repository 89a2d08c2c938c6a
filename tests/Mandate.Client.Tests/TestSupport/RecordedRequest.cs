using System.Net.Http.Headers;

namespace Mandate.Client.Tests.TestSupport;

/// <summary>One HTTP request the fake server saw, with the fake time it arrived.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, AuthenticationHeaderValue? Authorization,
    IReadOnlyDictionary<string, string> Form, DateTimeOffset At, string? SpanName = null, System.Diagnostics.ActivityTraceId TraceId = default)
{
    public string Path => Uri.AbsolutePath;
}
