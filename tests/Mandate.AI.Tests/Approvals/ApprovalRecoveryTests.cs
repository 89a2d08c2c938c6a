using System.Text.Json;
using Mandate.AI.Approvals;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.AI.Tests.Approvals;

/// <summary>After a restart: every kept call is brought to its end once, and handed to the host to tell the person.</summary>
public sealed class ApprovalRecoveryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryApprovalStore _store = new();
    private readonly FakeResumableTokenSource _source;
    private readonly RecordingProgress _progress = new();
    private readonly List<(string? Token, string? Key, string? QuoteId)> _runs = [];

    public ApprovalRecoveryTests() => _source = new FakeResumableTokenSource(_time);

    private AIFunction Purchase => AIFunctionFactory.Create((string quoteId) =>
    {
        lock (_runs)
        {
            _runs.Add((ToolTokenAccessor.Current?.Value, ToolTokenAccessor.CurrentIdempotencyKey, quoteId));
        }

        return new { orderId = "ord-" + quoteId };
    }, "purchaseItem");

    private ApprovalRecovery Recovery(IApprovalStore? store = null)
    {
        var options = new ToolAuthorizationOptions { LoginHint = "end.user", ApprovalStore = store ?? _store, Progress = _progress };
        options.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment").KeepApprovalAcrossRestarts());
        return new ApprovalRecovery(new ToolAuthorizer(_source, options, _time));
    }

    private DurableApproval Kept(string id, DurableApprovalState state = DurableApprovalState.Waiting) =>
        SqliteApprovalStoreTests.Approval(id, _time.GetUtcNow()) with { State = state };

    private async Task<List<ResumedToolCall>> ResumeAllAsync(ApprovalRecovery recovery, params AITool[] tools)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var resumed = new List<ResumedToolCall>();
        await foreach (var call in recovery.ResumeAsync(tools.Length == 0 ? [Purchase] : tools, cancellationToken: limit.Token))
        {
            resumed.Add(call);
        }

        return resumed;
    }

    [Fact]
    public async Task Waiting_ApprovedWhileTheAgentWasDown_RunsOnceWithItsTokenAndKeptIdempotencyKey_AndIsForgotten()
    {
        await _store.SaveAsync(Kept("a"), default);
        _source.Approve("req-a");

        var resumed = Assert.Single(await ResumeAllAsync(Recovery()));

        Assert.Equal(ApprovalStage.Approved, resumed.Stage);
        Assert.Equal("purchaseItem", resumed.ToolName);
        Assert.Equal("Allow agent to place order for Pegasus 41?", resumed.BindingMessage);
        Assert.Equal("ord-q-1", resumed.Result.GetProperty("orderId").GetString());
        Assert.Equal([(FakeResumableTokenSource.TokenFor("req-a").Value, "key-a", "q-1")], _runs);
        Assert.Equal(["req-a"], _source.Waits);
        Assert.Empty(_source.Requests); // waited on the kept request: nothing sent again
        Assert.Empty(await _store.ListAsync(default));
        Assert.Equal([ApprovalStage.Waiting, ApprovalStage.Approved], _progress.Reports.Select(r => r.Stage));
    }

    [Theory]
    [InlineData("access_denied", ApprovalStage.Denied)]
    [InlineData("expired_token", ApprovalStage.Expired)]
    [InlineData("invalid_grant", ApprovalStage.Failed)]
    public async Task Waiting_EndedWithoutApproval_IsReported_AndTheToolDoesNotRun(string error, ApprovalStage stage)
    {
        await _store.SaveAsync(Kept("a"), default);
        _source.WaitAnswer = _ => Task.FromResult(ToolTokenResult.Failure(error));

        var resumed = Assert.Single(await ResumeAllAsync(Recovery()));

        Assert.Equal(stage, resumed.Stage);
        Assert.Equal(error, resumed.Result.GetProperty("error").GetString());
        Assert.Empty(_runs);
        Assert.Empty(await _store.ListAsync(default));
    }

    [Fact]
    public async Task Approved_StoppedBeforeTheCallRan_RunsItWithTheKeptToken_WithoutWaiting()
    {
        await _store.SaveAsync(Kept("a", DurableApprovalState.Approved) with { AccessToken = "kept-token" }, default);

        var resumed = Assert.Single(await ResumeAllAsync(Recovery()));

        Assert.Equal(ApprovalStage.Approved, resumed.Stage);
        Assert.Equal([("kept-token", "key-a", "q-1")], _runs);
        Assert.Empty(_source.Waits);
    }

    [Fact]
    public async Task Requesting_StoppedBeforeTheServerAnswered_IsToldAsInterrupted_WithoutWaitingOrRunning()
    {
        await _store.SaveAsync(Kept("a", DurableApprovalState.Requesting) with { AuthReqId = null, ExpiresAt = null, Interval = null }, default);

        var resumed = Assert.Single(await ResumeAllAsync(Recovery()));

        Assert.Equal(ApprovalStage.Failed, resumed.Stage);
        Assert.Equal("request_interrupted", resumed.Result.GetProperty("error").GetString());
        Assert.Empty(_source.Waits);
        Assert.Empty(_runs);
        Assert.Empty(await _store.ListAsync(default));
    }

    [Fact]
    public async Task Finished_StoppedBeforeThePersonWasTold_IsToldWithoutRunningAgain()
    {
        await _store.SaveAsync(Kept("a", DurableApprovalState.Finished) with { Outcome = ApprovalStage.Approved, Result = """{"orderId":"ord-q-1"}""" }, default);

        var resumed = Assert.Single(await ResumeAllAsync(Recovery()));

        Assert.Equal("ord-q-1", resumed.Result.GetProperty("orderId").GetString());
        Assert.Empty(_runs);
        Assert.Empty(await _store.ListAsync(default));
    }

    [Fact]
    public async Task AResumedCall_IsAToolCallSpan_MarkedResumed_InTheHostsTrace()
    {
        using var recorder = new Mandate.TestSupport.Diagnostics.SpanRecorder(Mandate.AI.Diagnostics.MandateAITelemetry.ActivitySourceName, "host");
        using var host = new System.Diagnostics.ActivitySource("host");
        await _store.SaveAsync(Kept("a"), default);
        _source.WaitAnswer = _ => Task.FromResult(ToolTokenResult.Failure("access_denied"));

        using (var startUp = host.StartActivity("start-up")!)
        {
            Assert.Single(await ResumeAllAsync(Recovery()));
            var span = Assert.Single(recorder.InTrace(startUp.TraceId, Mandate.AI.Diagnostics.MandateAITelemetry.ActivitySourceName));
            Assert.Equal(("mandate.tool_call", "purchaseItem", true, "access_denied"),
                (span.OperationName, span.GetTagItem("gen_ai.tool.name"), span.GetTagItem("mandate.tool.resumed"), span.GetTagItem("mandate.tool.outcome")));
            Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, span.Status);
        }
    }

    [Fact]
    public async Task ACallThisProcessIsRunning_IsNotTakenOver_ByARecoveryStartedMeanwhile()
    {
        var options = new ToolAuthorizationOptions { LoginHint = "end.user", ApprovalStore = _store };
        options.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment").KeepApprovalAcrossRestarts());
        var authorizer = new ToolAuthorizer(_source, options, _time);
        var requested = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _source.Requested += id => requested.TrySetResult(id);

        var live = new Mandate.AI.Functions.AuthorizedAIFunction(Purchase, authorizer)
            .InvokeAsync(new AIFunctionArguments { ["quoteId"] = "q-live" }).AsTask();
        var authReqId = await requested.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(await ResumeAllAsync(new ApprovalRecovery(authorizer)));
        Assert.Single(await _store.ListAsync(default));
        _source.Approve(authReqId);
        await live.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("q-live", Assert.Single(_runs).QuoteId);
        Assert.Empty(await _store.ListAsync(default));
    }

    [Fact]
    public async Task ServerUnreachable_NothingIsReported_AndTheCallStaysKeptForTheNextStart()
    {
        await _store.SaveAsync(Kept("a"), default);
        _source.WaitAnswer = _ => throw new HttpRequestException("connection refused");

        Assert.Empty(await ResumeAllAsync(Recovery()));

        Assert.Equal(DurableApprovalState.Waiting, Assert.Single(await _store.ListAsync(default)).State);
    }

    [Fact]
    public async Task SeveralKeptCalls_AreWaitedOnTogether_AndEachIsReportedAsItEnds()
    {
        await _store.SaveAsync(Kept("a"), default);
        await _store.SaveAsync(Kept("b"), default);
        var recovery = Recovery().ResumeAsync([Purchase]).GetAsyncEnumerator();

        var first = recovery.MoveNextAsync().AsTask();
        _source.Approve("req-b"); // the later one is answered first
        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("key-b", _runs.Single().Key);

        _source.Deny("req-a");
        Assert.True(await recovery.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(ApprovalStage.Denied, recovery.Current.Stage);
        Assert.False(await recovery.MoveNextAsync());
        await recovery.DisposeAsync();
        Assert.Empty(await _store.ListAsync(default));
    }

    [Fact]
    public async Task AToolNoLongerOffered_EndsAsFailed_WithoutRunning()
    {
        await _store.SaveAsync(Kept("a", DurableApprovalState.Approved) with { AccessToken = "kept-token" }, default);

        var resumed = Assert.Single(await ResumeAllAsync(Recovery(), AIFunctionFactory.Create(() => "x", "getProducts")));

        Assert.Equal(ApprovalStage.Failed, resumed.Stage);
        Assert.Equal(ToolAuthorizationErrors.ToolNotAuthorized, resumed.Result.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AResultThatContainsTheToken_IsWithheld()
    {
        await _store.SaveAsync(Kept("a", DurableApprovalState.Approved) with { AccessToken = "kept-token" }, default);
        var leaky = AIFunctionFactory.Create(() => "here is kept-token", "purchaseItem");

        var resumed = Assert.Single(await ResumeAllAsync(Recovery(), leaky));

        Assert.Equal(ToolAuthorizationErrors.ResultWithheld, resumed.Result.GetProperty("error").GetString());
        Assert.DoesNotContain("kept-token", resumed.Result.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppedWhileWaiting_TheCallStaysKept()
    {
        await _store.SaveAsync(Kept("a"), default);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Recovery().ResumeAsync([Purchase], cancellationToken: stop.Token))
            {
            }
        });

        Assert.Single(await _store.ListAsync(default));
        Assert.Empty(_runs);
    }

    [Fact]
    public async Task AcrossARestart_OnTheSqliteFile_TheCallRunsOnce_AndTheFileKeepsNoToken()
    {
        var file = Path.Combine(Path.GetTempPath(), "mandate-recovery-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            // The first process asks, then hangs for good while the person decides (as if killed: no clean-up runs).
            var deadSource = new FakeResumableTokenSource(_time);
            var firstOptions = new ToolAuthorizationOptions { LoginHint = "end.user", ApprovalStore = new SqliteApprovalStore(file) };
            firstOptions.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment").KeepApprovalAcrossRestarts());
            var requested = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            deadSource.Requested += id => requested.TrySetResult(id);
            _ = new Mandate.AI.Functions.AuthorizedAIFunction(Purchase, new ToolAuthorizer(deadSource, firstOptions, _time))
                .InvokeAsync(new AIFunctionArguments { ["quoteId"] = "q-9" });
            var authReqId = await requested.Task.WaitAsync(TimeSpan.FromSeconds(10));
            for (var round = 0; round < 200 && await new SqliteApprovalStore(file).ListAsync(default) is not [{ State: DurableApprovalState.Waiting }]; round++)
            {
                await Task.Delay(10); // kept as waiting right after the server's acknowledgement
            }

            // The person approves; a new process, with a new store on the same file, resumes.
            _source.Approve(authReqId);
            var resumed = Assert.Single(await ResumeAllAsync(Recovery(new SqliteApprovalStore(file))));

            Assert.Equal("ord-q-9", resumed.Result.GetProperty("orderId").GetString());
            Assert.Equal("q-9", resumed.Arguments.GetProperty("quoteId").GetString());
            var run = Assert.Single(_runs);
            Assert.Equal(FakeResumableTokenSource.TokenFor(authReqId).Value, run.Token);
            Assert.Empty(await new SqliteApprovalStore(file).ListAsync(default));
            Assert.DoesNotContain(run.Token!, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
