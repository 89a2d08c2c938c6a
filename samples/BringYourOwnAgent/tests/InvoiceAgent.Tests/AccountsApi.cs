using System.Net;

namespace InvoiceAgent.Tests;

/// <summary>The accounts API the tool pays through: records each payment's path and bearer token.</summary>
internal sealed class AccountsApi : HttpMessageHandler
{
    public static readonly Uri BaseAddress = new("https://accounts.example/");

    public List<(string Path, string? Token)> Payments { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Payments)
        {
            Payments.Add((request.RequestUri!.AbsolutePath, request.Headers.Authorization?.Parameter));
        }

        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }
}
