namespace Mandate.AI.Tests.Tokens;

public sealed class ToolTokenAccessorTests
{
    [Fact]
    public void BeginScope_MakesTheTokenCurrent_AndDisposeRestoresThePreviousOne()
    {
        var outer = new ToolAccessToken("outer");
        var inner = new ToolAccessToken("inner");

        using (ToolTokenAccessor.BeginScope(outer))
        {
            using (ToolTokenAccessor.BeginScope(inner))
            {
                Assert.Same(inner, ToolTokenAccessor.Current);
                Assert.Same(inner, new ToolTokenAccessor().Token);
            }

            Assert.Same(outer, ToolTokenAccessor.Current);
        }

        Assert.Null(ToolTokenAccessor.Current);
    }

    [Fact]
    public async Task WorkStartedInsideACall_LosesTheTokenWhenTheCallEnds()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<ToolAccessToken?> background;
        using (ToolTokenAccessor.BeginScope(new ToolAccessToken("call-token")))
        {
            background = Task.Run(async () =>
            {
                await release.Task;
                return ToolTokenAccessor.Current;
            });
        }

        release.SetResult();

        Assert.Null(await background);
    }

    [Fact]
    public async Task ParallelFlows_EachSeeOnlyTheirOwnToken()
    {
        var bothSet = new Barrier(2);

        async Task<string?> Flow(string value)
        {
            await Task.Yield();
            using (ToolTokenAccessor.BeginScope(new ToolAccessToken(value)))
            {
                bothSet.SignalAndWait(TimeSpan.FromSeconds(30));
                await Task.Yield();
                return ToolTokenAccessor.Current?.Value;
            }
        }

        var results = await Task.WhenAll(Task.Run(() => Flow("token-a")), Task.Run(() => Flow("token-b")));

        Assert.Equal(new string?[] { "token-a", "token-b" }, results);
    }

    [Fact]
    public void ToolAccessToken_ToString_DoesNotShowTheValue()
    {
        var token = new ToolAccessToken("eyJhbGciOiJFUzI1NiJ9.secret.signature", scope: "payment");

        Assert.DoesNotContain("secret", token.ToString(), StringComparison.Ordinal);
        Assert.Contains("payment", token.ToString(), StringComparison.Ordinal);
    }
}
