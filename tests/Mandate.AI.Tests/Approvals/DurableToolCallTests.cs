using System.Text.Json;
using Mandate.AI.Approvals;
using Mandate.AI.Functions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.AI.Tests.Approvals;

/// <summary>A durable tool's call in one process: kept while the person decides, with its token only until it has run.</summary>
public sealed class DurableToolCallTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryApprovalStore _store = new();
    private readonly FakeResumableTokenSource _source;

    public DurableToolCallTests() => _source = new FakeResumableTokenSource(_time);

    private AuthorizedAIFunction Purchase(Func<AIFunctionArguments, object?> body) => new(
        AIFunctionFactory.Create((AIFunctionArguments arguments) => body(arguments), "purchaseItem"),
        new ToolAuthorizer(_source, Options(), _time));

    private ToolAuthorizationOptions Options()
    {
        var options = new ToolAuthorizationOptions { LoginHint = "end.user", ApprovalStore = _store };
        options.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment").SetBindingMessage("Allow agent to buy {quoteId}?").KeepApprovalAcrossRestarts());
        return options;
    }

    /// <summary>The one kept approval once it is waiting (it is saved right after the server's acknowledgement).</summary>
    private async Task<DurableApproval> KeptWaitingAsync()
    {
        for (var round = 0; round < 200; round++)
        {
            if (await _store.ListAsync(default) is [{ State: DurableApprovalState.Waiting } waiting])
            {
                return waiting;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("the approval was not kept as waiting");
    }

    private async Task<string> NextRequestAsync()
    {
        var requested = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _source.Requested += id => requested.TrySetResult(id);
        return await requested.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WhileThePersonDecides_TheCallIsKeptWaiting_ThenRunsOnceWithItsKeptIdempotencyKey_AndIsForgotten()
    {
        (string? Token, string? Key, int Kept)? seen = null;
        var function = Purchase(_ =>
        {
            seen = (ToolTokenAccessor.Current?.Value, ToolTokenAccessor.CurrentIdempotencyKey, _store.ListAsync(default).Result.Count);
            return "order-1";
        });
        var requested = NextRequestAsync();

        var call = function.InvokeAsync(Calls.Arguments(new { quoteId = "q-7" })).AsTask();
        var authReqId = await requested;
        var waiting = await KeptWaitingAsync();
        Assert.Equal(authReqId, waiting.AuthReqId);
        Assert.Equal("purchaseItem", waiting.ToolName);
        Assert.Equal("q-7", JsonDocument.Parse(waiting.Arguments).RootElement.GetProperty("quoteId").GetString());
        Assert.Equal("Allow agent to buy q-7?", waiting.BindingMessage);
        Assert.Null(waiting.AccessToken);

        _source.Approve(authReqId);
        Assert.Equal("order-1", ((JsonElement)(await call)!).GetString());

        Assert.Equal(FakeResumableTokenSource.TokenFor(authReqId).Value, seen?.Token);
        Assert.Equal(waiting.IdempotencyKey, seen?.Key);
        Assert.Equal(1, seen?.Kept); // kept (approved, with its token) while the tool ran
        Assert.Empty(await _store.ListAsync(default));
    }

    [Fact]
    public async Task BeforeTheRequestIsSent_TheCallIsAlreadyKept_WithoutAnAuthReqId()
    {
        DurableApproval? whileSending = null;
        _source.Requested += _ => whileSending = _store.ListAsync(default).Result.SingleOrDefault();
        _source.WaitAnswer = pending => Task.FromResult(ToolTokenResult.Success(FakeResumableTokenSource.TokenFor(pending.AuthReqId)));

        await Purchase(_ => "order").InvokeAsync(Calls.Arguments(new { quoteId = "q-7" }));

        Assert.NotNull(whileSending);
        Assert.Equal(DurableApprovalState.Requesting, whileSending.State);
        Assert.Null(whileSending.AuthReqId);
        Assert.Empty(await _store.ListAsync(default));
    }

    [Fact]
    public async Task Denied_TheModelIsTold_AndNothingIsKept()
    {
        var ran = false;
        var function = Purchase(_ => ran = true);
        var requested = NextRequestAsync();

        var call = function.InvokeAsync(Calls.Arguments(new { quoteId = "q-7" })).AsTask();
        _source.Deny(await requested);
        var result = (JsonElement)(await call)!;

        Assert.False(ran);
        Assert.Equal("access_denied", result.GetProperty("error").GetString());
        Assert.Empty(await _store.ListAsync(default));
    }

    [Fact]
    public async Task CancelledWait_TheCallIsGivenUp_AndNotKept()
    {
        var function = Purchase(_ => "order");
        using var stop = new CancellationTokenSource();
        var requested = NextRequestAsync();

        var call = function.InvokeAsync(Calls.Arguments(new { quoteId = "q-7" }), stop.Token).AsTask();
        await requested;
        await KeptWaitingAsync();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(await _store.ListAsync(default));
    }

    [Fact]
    public async Task AWaitThatFails_IsToldToTheModelAsNotDone_AndNotKept_SoALaterApprovalDoesNothing()
    {
        var ran = false;
        var function = Purchase(_ => ran = true);
        _source.WaitAnswer = _ => throw new HttpRequestException("connection refused");

        var result = (JsonElement)(await function.InvokeAsync(Calls.Arguments(new { quoteId = "q-7" })))!;

        Assert.False(ran);
        Assert.Equal(ToolAuthorizationErrors.TemporarilyUnavailable, result.GetProperty("error").GetString());
        Assert.Empty(await _store.ListAsync(default));
    }

    [Fact]
    public async Task EachCall_GetsItsOwnApproval_AndItsOwnIdempotencyKey_NoCachedToken()
    {
        var keys = new List<string?>();
        var function = Purchase(_ => { keys.Add(ToolTokenAccessor.CurrentIdempotencyKey); return "order"; });
        _source.WaitAnswer = pending => Task.FromResult(ToolTokenResult.Success(FakeResumableTokenSource.TokenFor(pending.AuthReqId)));

        await function.InvokeAsync(Calls.Arguments(new { quoteId = "q-7" }));
        await function.InvokeAsync(Calls.Arguments(new { quoteId = "q-7" }));

        Assert.Equal(2, _source.Requests.Count);
        Assert.Equal(2, keys.Distinct().Count());
        Assert.All(keys, key => Assert.True(Guid.TryParse(key, out _)));
    }

    [Fact]
    public async Task ANonDurableCall_HasAFreshIdempotencyKeyToo()
    {
        string? key = null;
        var function = new AuthorizedAIFunction(
            AIFunctionFactory.Create(() => key = ToolTokenAccessor.CurrentIdempotencyKey, "getDeals"),
            new ToolAuthorizer(_source, new ToolAuthorizationOptions().SetPolicy("getDeals", ToolPolicy.Autonomous("prices")), _time));

        await function.InvokeAsync(new AIFunctionArguments());

        Assert.True(Guid.TryParse(key, out _));
        Assert.Null(ToolTokenAccessor.CurrentIdempotencyKey);
    }

    [Fact]
    public void ADurableTool_WithASourceThatCannotWaitInTwoSteps_IsAConfigurationError()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => new ToolAuthorizer(new FakeToolTokenSource(), Options(), _time));

        Assert.Contains("purchaseItem", exception.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IResumableUserTokenSource), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Durable_OnAToolWithoutTheUsersApproval_IsAConfigurationError()
    {
        var options = new ToolAuthorizationOptions().SetPolicy("getDeals", ToolPolicy.Autonomous("prices").KeepApprovalAcrossRestarts());

        var exception = Assert.Throws<InvalidOperationException>(() => new ToolAuthorizer(_source, options, _time));

        Assert.Contains("Auth to ciba", exception.Message, StringComparison.Ordinal);
    }
}
