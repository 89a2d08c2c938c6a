namespace Mandate.Server.Tests.Push;

/// <summary>A push service in memory: answers each request with the next status of a script (the last one repeats)
/// and records what it was sent. Handed to the sender through <see cref="Factory"/>.</summary>
internal sealed class PushTransport(params int[] statuses) : HttpMessageHandler
{
    private readonly List<Sent> _sent = [];

    public sealed record Sent(HttpRequestMessage Request, byte[] Body, DateTimeOffset At);

    /// <summary>Headers to add to the answer of attempt n (from 1).</summary>
    public Func<int, HttpResponseMessage, HttpResponseMessage>? Answer { get; init; }

    /// <summary>Throws instead of answering while this returns true (attempt from 1): a network failure.</summary>
    public Func<int, bool>? Unreachable { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public IReadOnlyList<Sent> Requests
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public IHttpClientFactory Factory => new SingleClientFactory(this);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        int attempt;
        lock (_sent)
        {
            _sent.Add(new Sent(request, body, Time.GetUtcNow()));
            attempt = _sent.Count;
        }

        if (Unreachable?.Invoke(attempt) == true)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused");
        }

        var response = new HttpResponseMessage((HttpStatusCode)statuses[Math.Min(attempt, statuses.Length) - 1]) { RequestMessage = request };
        return Answer?.Invoke(attempt, response) ?? response;
    }

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
