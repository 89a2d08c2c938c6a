using System.Net;

namespace Mandate.AI.Tests.Tokens;

public sealed class ToolTokenHandlerTests
{
    [Fact]
    public async Task Send_InsideAnAuthorizedCall_AddsTheBearerToken()
    {
        var (client, handler) = Create();

        using (ToolTokenAccessor.BeginScope(new ToolAccessToken("at-123")))
        {
            await client.GetAsync(new Uri("http://store.test/deals"));
        }

        Assert.Equal("Bearer at-123", handler.Authorization);
    }

    [Fact]
    public async Task Send_OutsideAnAuthorizedCall_SendsNoAuthorization()
    {
        var (client, handler) = Create();

        await client.GetAsync(new Uri("http://store.test/products"));

        Assert.Null(handler.Authorization);
    }

    [Fact]
    public async Task Send_WithAnAuthorizationHeaderAlready_LeavesItAlone()
    {
        var (client, handler) = Create();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://store.test/orders"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "explicit");

        using (ToolTokenAccessor.BeginScope(new ToolAccessToken("at-123")))
        {
            await client.SendAsync(request);
        }

        Assert.Equal("Bearer explicit", handler.Authorization);
    }

    private static (HttpClient Client, RecordingHandler Handler) Create()
    {
        var recording = new RecordingHandler();
        var client = new HttpClient(new ToolTokenHandler { InnerHandler = recording });
        return (client, recording);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
