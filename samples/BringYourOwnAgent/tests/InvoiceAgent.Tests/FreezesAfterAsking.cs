namespace InvoiceAgent.Tests;

/// <summary>
/// An agent process that hangs for good once it has asked (as if killed): the backchannel authentication request goes
/// through, every later request (its polls) never gets an answer, and nothing of the agent runs any more.
/// </summary>
internal sealed class FreezesAfterAsking(HttpMessageHandler server) : DelegatingHandler(server)
{
    private int _asked;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _asked, 1) == 0
            ? base.SendAsync(request, cancellationToken)
            : Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith<HttpResponseMessage>(_ => throw new TaskCanceledException(), TaskScheduler.Default);
}
