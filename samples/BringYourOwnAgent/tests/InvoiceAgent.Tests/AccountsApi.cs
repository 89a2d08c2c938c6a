using System.Net;

namespace InvoiceAgent.Tests;

/// <summary>The accounts API the tool pays through: records each payment's path, bearer token and idempotency key.</summary>
internal sealed class AccountsApi : HttpMessageHandler
{
    public static readonly Uri BaseAddress = new("https://accounts.example/");

    public List<(string Path, string? Token, string? IdempotencyKey)> Payments { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Payments)
        {
            Payments.Add((request.RequestUri!.AbsolutePath, request.Headers.Authorization?.Parameter,
                request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null));
        }

        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }
}
