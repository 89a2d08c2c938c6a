using System.Diagnostics;
using System.Net;
using System.Text;
using ShoeStore.Api.Diagnostics;
using Mandate.TestSupport.Diagnostics;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Diagnostics;

/// <summary>An order is a span (<c>shoestore.order</c>) of the agent's W3C trace, naming the agent, the product and
/// the outcome, never the customer or the card.</summary>
public sealed class OrderTraceTests(SqliteStoreApiFactory api) : IClassFixture<SqliteStoreApiFactory>, IDisposable
{
    private readonly ActivityTraceId _trace = ActivityTraceId.CreateRandom();

    // ASP.NET Core's own span carries the caller's traceparent into the store's.
    private readonly SpanRecorder _recorder = new(ShoeStoreTelemetry.ActivitySourceName, "Microsoft.AspNetCore");

    [Fact]
    public async Task Order_IsASpanOfTheCallersTrace_WithTheOutcomeAndNothingPersonal()
    {
        await api.SetStockAsync("hoka-clifton-9", 10m, 5);

        var placed = await Expect.JsonAsync(await PostInTraceAsync("""{"productId":"hoka-clifton-9","size":10,"quantity":1}"""), HttpStatusCode.Created);

        var span = Assert.Single(_recorder.InTrace(_trace, ShoeStoreTelemetry.ActivitySourceName));
        Assert.Equal("shoestore.order", span.OperationName);
        Assert.Equal("ai-agent", span.GetTagItem("oauth.client_id"));
        Assert.Equal("hoka-clifton-9", span.GetTagItem("shoestore.product_id"));
        Assert.Equal("Placed", span.GetTagItem("shoestore.outcome"));
        Assert.Equal(placed.GetProperty("id").GetString(), span.GetTagItem("shoestore.order_id"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        var personal = new[] { JwtBuilder.EndUser, "4242", placed.GetProperty("approval").GetProperty("tokenId").GetString()! };
        Assert.DoesNotContain(span.Tags, tag => personal.Any(p => tag.Value?.Contains(p, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task RefusedOrder_IsAFailedSpan_NamingWhy()
    {
        await api.SetStockAsync("hoka-clifton-9", 10m, 0);

        var response = await PostInTraceAsync("""{"productId":"hoka-clifton-9","size":10,"quantity":1}""");

        Assert.False(response.IsSuccessStatusCode);
        var span = Assert.Single(_recorder.InTrace(_trace, ShoeStoreTelemetry.ActivitySourceName));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.NotEqual("Placed", span.GetTagItem("shoestore.outcome"));
    }

    public void Dispose() => _recorder.Dispose();

    private Task<HttpResponseMessage> PostInTraceAsync(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{_trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return api.SendAsync(request, api.Token().Build());
    }
}
