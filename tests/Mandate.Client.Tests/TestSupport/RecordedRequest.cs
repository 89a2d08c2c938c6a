using System.Net.Http.Headers;

namespace Mandate.Client.Tests.TestSupport;

/// <summary>One HTTP request the fake server saw, with the fake time it arrived.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, AuthenticationHeaderValue? Authorization,
    IReadOnlyDictionary<string, string> Form, DateTimeOffset At)
{
    public string Path => Uri.AbsolutePath;
}
