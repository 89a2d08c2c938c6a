using System.Net;
using System.Text;

namespace Mandate.Benchmarks;

/// <summary>Answers every request with one token response, in memory (only the cache-miss path reaches it).</summary>
public class StaticTokenHandler : HttpMessageHandler
{
    public int Requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Requests);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"access_token":"bench-token","token_type":"Bearer","expires_in":3600,"scope":"prices"}""",
                Encoding.UTF8, "application/json"),
        });
    }
}
