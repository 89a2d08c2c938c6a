using System.Diagnostics;
using Mandate.AI.Diagnostics;
using Mandate.AI.Functions;
using Mandate.TestSupport.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.AI.Tests.Diagnostics;

/// <summary>Each authorized tool call is a span (<c>mandate.tool_call</c>) in the caller's trace; the token request
/// and the tool's own work run inside it; it names the tool and the outcome, never an argument or a token.</summary>
public sealed class ToolCallTraceTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private const string CallerName = "Mandate.AI.Tests.Caller";
    private readonly ActivitySource _caller = new(CallerName);
    private readonly SpanRecorder _recorder = new(MandateAITelemetry.ActivitySourceName, CallerName);

    [Fact]
    public async Task ToolCall_IsASpanOfTheCallersTrace_AndTheTokenRequestAndTheToolRunInsideIt()
    {
        string? tokenRequestedIn = null;
        string? toolRanIn = null;
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var approve = source.GetUserTokenAsyncCallback!;
        source.GetUserTokenAsyncCallback = (request, progress, ct) =>
        {
            tokenRequestedIn = Activity.Current?.OperationName;
            return approve(request, progress, ct);
        };
        var tool = AIFunctionFactory.Create((string productId) => toolRanIn = Activity.Current?.OperationName, "purchaseItem");
        var function = Wrap(tool, o => o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment")), source);
        using var turn = _caller.StartActivity("chat turn")!;

        await function.InvokeAsync(Calls.Arguments(new { productId = "secret-product-argument" }));
        turn.Stop();

        var span = Assert.Single(_recorder.InTrace(turn.TraceId, MandateAITelemetry.ActivitySourceName), s => s.OperationName == "mandate.tool_call");
        Assert.Equal(turn.SpanId, span.ParentSpanId);
        Assert.Equal("purchaseItem", span.GetTagItem("gen_ai.tool.name"));
        Assert.Equal("ran", span.GetTagItem("mandate.tool.outcome"));
        Assert.Equal(("mandate.tool_call", "mandate.tool_call"), (tokenRequestedIn, toolRanIn));
        Assert.DoesNotContain(span.Tags, tag => tag.Value?.Contains("secret-product-argument", StringComparison.Ordinal) == true
            || tag.Value?.Contains("user-token", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task RefusedToolCall_IsAFailedSpan_WithTheRefusalsCode()
    {
        var tool = AIFunctionFactory.Create(() => "ran", "purchaseItem");
        var source = new FakeToolTokenSource { GetUserTokenAsyncCallback = (_, _, _) => Task.FromResult(ToolTokenResult.Failure("access_denied")) };
        var function = Wrap(tool, o => o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment")), source);
        using var turn = _caller.StartActivity("chat turn")!;

        await function.InvokeAsync(new AIFunctionArguments());

        var span = Assert.Single(_recorder.InTrace(turn.TraceId, MandateAITelemetry.ActivitySourceName), s => s.OperationName == "mandate.tool_call");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("access_denied", span.GetTagItem("mandate.tool.outcome"));
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _caller.Dispose();
    }

    private AuthorizedAIFunction Wrap(AIFunction tool, Action<ToolAuthorizationOptions> configure, FakeToolTokenSource source)
    {
        var options = new ToolAuthorizationOptions { LoginHint = "end.user" };
        configure(options);
        return new AuthorizedAIFunction(tool, new ToolAuthorizer(source, options, _time));
    }
}
