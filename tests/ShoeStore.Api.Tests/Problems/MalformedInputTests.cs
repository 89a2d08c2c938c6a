using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Problems;

/// <summary>
/// Malformed input against the store on a loopback port: every answer is a 4xx RFC 9457 problem (or a 2xx where the
/// request happens to be valid), never a 5xx, never an error in the log, and the store still serves afterwards.
/// </summary>
public sealed class MalformedInputTests(LoopbackStoreApiFactory api) : IClassFixture<LoopbackStoreApiFactory>
{
    [Fact]
    public async Task BrokenChunkedBody_AtQuotes_Is400ProblemWithoutAnErrorLog()
    {
        var logged = api.Logs.Lines.Count;

        var (status, contentType) = await SendRawAsync(Head("/quotes", "application/json") + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", closeSending: false);

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Empty(ErrorLines(api.Logs.Lines.Skip(logged)));
    }

    [Fact]
    public async Task GeneratedCorpus_OnEveryEndpoint_GetsNo5xxAndNoErrorLog_AndTheStoreStillAnswers()
    {
        using var http = new HttpClient { BaseAddress = api.Address(), Timeout = TimeSpan.FromSeconds(30) };
        var logged = api.Logs.Lines.Count;
        var token = api.Token().Build();
        var failures = new List<string>();
        foreach (var item in MalformedStoreCorpus.Generate(seed: 13, count: 300))
        {
            using var request = new HttpRequestMessage(new HttpMethod(item.Method), item.Path);
            if (item.Body.Length > 0 || item.ContentType is not null)
            {
                request.Content = new ByteArrayContent(item.Body);
                if (item.ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", item.ContentType);
                }
            }

            if (item.IdempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", item.IdempotencyKey);
            }

            if (item.Authenticated)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add((int)response.StatusCode + " for " + item.Name);
            }
            else if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                && !IsKestrelRefusal(item))
            {
                failures.Add((int)response.StatusCode + " without a problem body for " + item.Name);
            }
        }

        foreach (var (name, raw, closeSending) in FramingCases())
        {
            var (status, _) = await SendRawAsync(raw, closeSending);
            if (status >= 500 || (status < 400 && !(status == 0 && closeSending)))
            {
                failures.Add(status + " for " + name);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Empty(ErrorLines(api.Logs.Lines.Skip(logged)));
        using var products = await http.GetAsync("/products");
        Assert.Equal(HttpStatusCode.OK, products.StatusCode);
    }

    /// <summary>Kestrel itself refuses a path with a NUL (400, before the app runs, with no body).</summary>
    private static bool IsKestrelRefusal(MalformedStoreCase item) => item.Path.Split('?')[0].Contains("%00", StringComparison.Ordinal);

    /// <summary>Log lines at Error or Critical, and any that report an unhandled exception.</summary>
    private static List<string> ErrorLines(IEnumerable<string> lines) =>
        [.. lines.Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)
            || l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase))];

    private string Head(string path, string contentType) =>
        "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + api.Token().Build()
        + "\r\nContent-Type: " + contentType + "\r\nIdempotency-Key: malformed-" + Guid.NewGuid().ToString("N") + "\r\nConnection: close\r\n";

    /// <summary>Framing errors only a raw socket sends. A body cut short ends with the client closing its side, which
    /// Kestrel may take as the client going away (no answer at all); it must still not log an error.</summary>
    private IEnumerable<(string Name, string Raw, bool CloseSending)> FramingCases()
    {
        foreach (var path in new[] { "/quotes", "/orders" })
        {
            yield return (path + " bad chunk size", Head(path, "application/json") + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", false);
            yield return (path + " chunked body over 16 KiB", Head(path, "application/json") + "Transfer-Encoding: chunked\r\n\r\n5000\r\n" + new string(' ', 0x5000) + "\r\n0\r\n\r\n", false);
            yield return (path + " body shorter than Content-Length", Head(path, "application/json") + "Content-Length: 100\r\n\r\n{\"quoteId\":", true);
            yield return (path + " form with NUL beside the header token", Head(path + "?access_token=a", "application/x-www-form-urlencoded") + "Transfer-Encoding: chunked\r\n\r\nzz\r\n\r\n0\r\n\r\n", false);
        }
    }

    /// <summary>Sends raw bytes; returns the status (0 when the server closed without answering) and the Content-Type.</summary>
    private async Task<(int Status, string? ContentType)> SendRawAsync(string request, bool closeSending)
    {
        var address = api.Address();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), timeout.Token);
        if (closeSending)
        {
            tcp.Client.Shutdown(SocketShutdown.Send);
        }

        var response = new MemoryStream();
        try
        {
            await stream.CopyToAsync(response, timeout.Token);
        }
        catch (IOException)
        {
            // Reset by the server after (or instead of) its answer.
        }

        var text = Encoding.Latin1.GetString(response.ToArray());
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(text.AsSpan(9, 3), out var code) ? code : 0;
        var contentType = text.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?[13..].Trim().Split(';')[0];
        return (status, contentType);
    }
}
