using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ShoeStore.Demo.Hosting;
using ShoeStore.Demo.Tests.Infrastructure;

namespace ShoeStore.Demo.Tests.EndToEnd;

/// <summary>
/// With the demo's OpenTelemetry setup (<see cref="DemoTracing"/>) and an in-memory exporter, a purchase is one trace:
/// the assistant's tool call, its CIBA request and wait, bc-authorize, the person's decision, the token and the order.
/// </summary>
public sealed class PurchaseTraceTests(ShoppingSystem shop) : IClassFixture<ShoppingSystem>
{
    [Fact]
    public async Task Purchase_IsOneTrace_FromTheToolCallThroughTheApprovalToTheOrder()
    {
        var spans = new List<Activity>();
        string reply;
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddDemoSources().AddInMemoryExporter(spans).Build())
        {
            await using var agent = shop.System.CreateAgent();
            await agent.SendAsync("find running shoes in size 10");
            var quote = agent.SendAsync("what would it cost to ship one to me?");
            await shop.Device.DecideWhileAsync(quote, _ => true);
            var buy = agent.SendAsync("buy it");
            await shop.Device.DecideWhileAsync(buy, _ => true);
            reply = await buy;
            Assert.StartsWith("Order ", reply, StringComparison.Ordinal);
            tracing!.ForceFlush();
        }

        // Other test classes run in this process too: the purchase's trace is the one its order's span is in.
        Activity[] recorded;
        lock (spans)
        {
            recorded = [.. spans];
        }

        var orderId = reply.Split(' ')[1];
        var order = Assert.Single(recorded, s => s.OperationName == "shoestore.order" && Equals(s.GetTagItem("shoestore.order_id"), orderId));
        Assert.Equal("Placed", order.GetTagItem("shoestore.outcome"));
        var trace = recorded.Where(s => s.TraceId == order.TraceId).ToList();
        var toolCall = Assert.Single(trace, s => s.OperationName == "mandate.tool_call");
        Assert.Equal("purchaseItem", toolCall.GetTagItem("gen_ai.tool.name"));
        Assert.Equal(default, toolCall.ParentSpanId);
        // purchaseItem is durable: the request (ciba.authenticate) and the wait (ciba.wait) are two steps of the tool call.
        Assert.Contains(trace, s => s.OperationName == "ciba.authenticate" && s.Status != ActivityStatusCode.Error);
        Assert.Contains(trace, s => s.OperationName == "ciba.wait" && Equals(s.GetTagItem("ciba.outcome"), "approved"));
        Assert.Contains(trace, s => s.OperationName == "ciba.backchannel_authentication");
        Assert.Contains(trace, s => s.OperationName == "ciba.decision" && Equals(s.GetTagItem("ciba.decision"), "approved"));
        Assert.Contains(trace, s => s.OperationName == "oauth.token" && Equals(s.GetTagItem("oauth.grant_type"), "urn:openid:params:grant-type:ciba")
            && s.Status != ActivityStatusCode.Error);
        Assert.Contains(trace, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Contains(trace, s => s.Source.Name == "System.Net.Http");
    }
}
