using Microsoft.Extensions.Time.Testing;

namespace Mandate.AI.Tests.Authorization;

/// <summary>User tokens: cached per (user, client, scopes, details), never shared across users, one pending approval per key.</summary>
public sealed class ToolAuthorizerCachingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task OnBehalfOf_SecondCallForTheSameUserAndScopes_ReusesTheCachedToken()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var authorizer = Create(source, o => o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address")));

        var first = await authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote", new { productId = "a" }), default);
        var second = await authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote", new { productId = "b" }), default);

        Assert.Single(source.UserRequests);
        Assert.Same(first.Token, second.Token);
    }

    [Fact]
    public async Task OnBehalfOf_CachedToken_IsNotUsedWithinTheSkewOfItsExpiry()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time, lifetime: TimeSpan.FromMinutes(5));
        var authorizer = Create(source, o => o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address")));
        var call = Calls.Create("getTailoredQuote");

        await authorizer.AuthorizeAsync(call, default);
        _time.Advance(TimeSpan.FromMinutes(4));
        await authorizer.AuthorizeAsync(call, default);
        var countBeforeSkew = source.UserRequests.Count;
        _time.Advance(TimeSpan.FromSeconds(40));
        await authorizer.AuthorizeAsync(call, default);

        Assert.Equal(1, countBeforeSkew);
        Assert.Equal(2, source.UserRequests.Count);
    }

    [Fact]
    public async Task OnBehalfOf_SingleUsePolicy_AsksAgainForEveryLaterCall()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var authorizer = Create(source, o => o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment").RequireSingleUse()));

        var first = await authorizer.AuthorizeAsync(Calls.Create("purchaseItem"), default);
        var second = await authorizer.AuthorizeAsync(Calls.Create("purchaseItem"), default);

        Assert.Equal(2, source.UserRequests.Count);
        Assert.NotEqual(first.Token?.Value, second.Token?.Value);
        Assert.Equal(0, authorizer.CachedUserTokens);
    }

    [Fact]
    public async Task OnBehalfOf_DifferentAuthorizationDetails_AreSeparateApprovals()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var authorizer = Create(source, o => o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment")
            .SetAuthorizationDetails(call => [Calls.Detail(call.GetString("productId")!, 10, "100.00")])));

        var pegasus = await authorizer.AuthorizeAsync(Calls.Create("purchaseItem", new { productId = "nike-pegasus-41" }), default);
        var ghost = await authorizer.AuthorizeAsync(Calls.Create("purchaseItem", new { productId = "brooks-ghost-16" }), default);

        Assert.Equal(2, source.UserRequests.Count);
        Assert.NotEqual(pegasus.Token?.Value, ghost.Token?.Value);
    }

    [Fact]
    public async Task OnBehalfOf_ATokenApprovedByOneUser_IsNeverUsedForAnother()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var authorizer = Create(source, o =>
        {
            o.UserResolver = call => call.GetString("customer");
            o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address"));
        });

        var endUser = await authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote", new { customer = "end.user" }), default);
        var appOwner = await authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote", new { customer = "app.owner" }), default);

        Assert.Equal(["end.user", "app.owner"], source.UserRequests.Select(r => r.LoginHint));
        Assert.StartsWith("user-token-end.user-", endUser.Token?.Value, StringComparison.Ordinal);
        Assert.StartsWith("user-token-app.owner-", appOwner.Token?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnBehalfOf_ParallelCallsForTwoUsers_DoNotShareAPendingApproval()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new FakeToolTokenSource
        {
            GetUserTokenAsyncCallback = async (request, _, _) =>
            {
                await gate.Task;
                return ToolTokenResult.Success(new ToolAccessToken("token-for-" + request.LoginHint, _time.GetUtcNow().AddMinutes(5)));
            },
        };
        var authorizer = Create(source, o =>
        {
            o.UserResolver = call => call.GetString("customer");
            o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address"));
        });

        var endUser = authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote", new { customer = "end.user" }), default).AsTask();
        var appOwner = authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote", new { customer = "app.owner" }), default).AsTask();
        var pendingWhileWaiting = authorizer.PendingApprovalCount;
        gate.SetResult();

        Assert.Equal(2, pendingWhileWaiting);
        Assert.Equal("token-for-end.user", (await endUser).Token?.Value);
        Assert.Equal("token-for-app.owner", (await appOwner).Token?.Value);
    }

    [Fact]
    public async Task OnBehalfOf_ParallelCallsNeedingTheSameApproval_ShareOnePendingRequest()
    {
        var gate = new TaskCompletionSource<ToolTokenResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new FakeToolTokenSource { GetUserTokenAsyncCallback = (_, _, _) => gate.Task };
        var authorizer = Create(source, o => o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment").RequireSingleUse()
            .SetAuthorizationDetails(_ => [Calls.Detail("nike-pegasus-41", 10.5m, "140.00")])));

        var calls = Enumerable.Range(0, 3)
            .Select(_ => authorizer.AuthorizeAsync(Calls.Create("purchaseItem", new { quoteId = "q_1" }), default).AsTask())
            .ToList();
        var requestsWhileWaiting = source.UserRequests.Count;
        gate.SetResult(ToolTokenResult.Success(new ToolAccessToken("shared", _time.GetUtcNow().AddMinutes(5))));
        var outcomes = await Task.WhenAll(calls);

        Assert.Equal(1, requestsWhileWaiting);
        Assert.Single(source.UserRequests);
        Assert.All(outcomes, o => Assert.Equal("shared", o.Token?.Value));
        Assert.Equal(0, authorizer.PendingApprovalCount);
    }

    [Fact]
    public async Task OnBehalfOf_OneWaitingCallCancels_TheOtherStillGetsTheSharedApproval()
    {
        var gate = new TaskCompletionSource<ToolTokenResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var requestCancelled = (CancellationToken?)null;
        var source = new FakeToolTokenSource
        {
            GetUserTokenAsyncCallback = (_, _, cancellationToken) =>
            {
                requestCancelled = cancellationToken;
                return gate.Task;
            },
        };
        var authorizer = Create(source, o => o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address")));
        using var first = new CancellationTokenSource();

        var cancelled = authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), first.Token).AsTask();
        var waiting = authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), default).AsTask();
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        var sourceCancelledAfterOne = requestCancelled!.Value.IsCancellationRequested;
        gate.SetResult(ToolTokenResult.Success(new ToolAccessToken("shared", _time.GetUtcNow().AddMinutes(5))));

        Assert.False(sourceCancelledAfterOne);
        Assert.Equal("shared", (await waiting).Token?.Value);
        Assert.Single(source.UserRequests);
    }

    [Fact]
    public async Task OnBehalfOf_EveryWaitingCallCancels_CancelsTheRequestAndTheNextCallAsksAgain()
    {
        var gate = new TaskCompletionSource<ToolTokenResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tokens = new List<CancellationToken>();
        var source = new FakeToolTokenSource
        {
            GetUserTokenAsyncCallback = (_, _, cancellationToken) =>
            {
                tokens.Add(cancellationToken);
                return gate.Task;
            },
        };
        var authorizer = Create(source, o => o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address")));
        using var cancel = new CancellationTokenSource();

        var one = authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), cancel.Token).AsTask();
        var two = authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => one);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => two);
        var third = authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), default).AsTask();
        gate.SetResult(ToolTokenResult.Success(new ToolAccessToken("late", _time.GetUtcNow().AddMinutes(5))));
        await third;

        Assert.True(tokens[0].IsCancellationRequested);
        Assert.Equal(2, source.UserRequests.Count);
    }

    private ToolAuthorizer Create(FakeToolTokenSource source, Action<ToolAuthorizationOptions> configure)
    {
        var options = new ToolAuthorizationOptions { LoginHint = "end.user" };
        configure(options);
        return new ToolAuthorizer(source, options, _time);
    }
}
