using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.AI.Tests.Authorization;

public sealed class ToolAuthorizerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Public_RunsWithoutToken_AndAsksForNone()
    {
        var source = new FakeToolTokenSource();
        var authorizer = Create(source, o => o.SetPolicy("getProducts", ToolPolicy.Public()));

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("getProducts"), default);

        Assert.True(outcome.IsAllowed);
        Assert.Null(outcome.Token);
        Assert.Empty(source.ClientRequests);
        Assert.Empty(source.UserRequests);
    }

    [Fact]
    public async Task ToolWithoutPolicy_IsRefusedWithToolNotAuthorized()
    {
        var authorizer = Create(new FakeToolTokenSource(), _ => { });

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("deleteEverything"), default);

        Assert.Equal(ToolAuthorizationErrors.ToolNotAuthorized, outcome.Failure?.Error);
    }

    [Fact]
    public async Task ToolWithoutPolicy_WhenAllowed_RunsWithoutToken()
    {
        var authorizer = Create(new FakeToolTokenSource(), o => o.AllowToolsWithoutPolicy = true);

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("getWeather"), default);

        Assert.True(outcome.IsAllowed);
        Assert.Null(outcome.Token);
    }

    [Fact]
    public async Task Autonomous_GetsAClientTokenWithThePolicyScopesAndResource()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var authorizer = Create(source, o => o.SetPolicy("getAvailableDeals", ToolPolicy.Autonomous("prices").SetResource("https://store.example")));

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("getAvailableDeals"), default);

        Assert.Equal("client-token-prices", outcome.Token?.Value);
        var request = Assert.Single(source.ClientRequests);
        Assert.Equal(["prices"], request.Scopes);
        Assert.Equal("https://store.example", request.Resource);
        Assert.Empty(source.UserRequests);
    }

    [Fact]
    public async Task Autonomous_ErrorFromTheServer_IsRefusedWithItsCodeButNotItsDescription()
    {
        var source = new FakeToolTokenSource
        {
            GetClientTokenAsyncCallback = (_, _) => ValueTask.FromResult(ToolTokenResult.Failure("invalid_scope", "scope prices is not allowed for secret-client-xyz")),
        };
        var authorizer = Create(source, o => o.SetPolicy("getAvailableDeals", ToolPolicy.Autonomous("prices")));

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("getAvailableDeals"), default);

        Assert.Equal("invalid_scope", outcome.Failure?.Error);
        Assert.DoesNotContain("secret-client-xyz", outcome.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autonomous_TokenSourceThrows_IsRefusedAsTemporarilyUnavailable()
    {
        var source = new FakeToolTokenSource { GetClientTokenAsyncCallback = (_, _) => throw new HttpRequestException("connection refused") };
        var authorizer = Create(source, o => o.SetPolicy("getAvailableDeals", ToolPolicy.Autonomous("prices")));

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("getAvailableDeals"), default);

        Assert.Equal(ToolAuthorizationErrors.TemporarilyUnavailable, outcome.Failure?.Error);
    }

    [Fact]
    public async Task OnBehalfOf_SendsTheUserScopesBindingMessageAndAuthorizationDetails()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var detail = Calls.Detail("nike-pegasus-41", 10.5m, "140.00");
        var authorizer = Create(source, o => o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment")
            .SetBindingMessage("Allow agent to place order for {productId}?")
            .SetAuthorizationDetails(_ => [detail])));

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("purchaseItem", new { productId = "nike-pegasus-41" }), default);

        Assert.True(outcome.IsAllowed);
        var request = Assert.Single(source.UserRequests);
        Assert.Equal("end.user", request.LoginHint);
        Assert.Equal(["payment"], request.Scopes);
        Assert.Equal("Allow agent to place order for nike-pegasus-41?", request.BindingMessage);
        Assert.Equal(JsonValueKind.Array, request.AuthorizationDetails?.ValueKind);
        Assert.Equal(detail.GetRawText(), Assert.Single(request.AuthorizationDetails!.Value.EnumerateArray()).GetRawText());
    }

    [Fact]
    public async Task OnBehalfOf_BindingMessageBuilder_IsCleanedAndCut()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var authorizer = Create(source, o => o.SetPolicy("t", ToolPolicy.OnBehalfOfUser("address")
            .SetBindingMessage(_ => "Quote\u202E\n" + new string('z', 100))));

        await authorizer.AuthorizeAsync(Calls.Create("t"), default);

        var message = Assert.Single(source.UserRequests).BindingMessage;
        Assert.NotNull(message);
        Assert.StartsWith("Quote zzz", message, StringComparison.Ordinal);
        Assert.Equal(BindingMessage.MaxLength, message.Length);
    }

    [Fact]
    public async Task OnBehalfOf_WithoutBindingMessage_AsksAboutTheScopes()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var authorizer = Create(source, o => o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address")));

        await authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), default);

        Assert.Equal("Allow agent to use your address?", Assert.Single(source.UserRequests).BindingMessage);
    }

    [Fact]
    public async Task OnBehalfOf_NoUserKnown_IsRefusedWithLoginRequired()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var authorizer = Create(source, o =>
        {
            o.LoginHint = null;
            o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address"));
        });

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), default);

        Assert.Equal(ToolAuthorizationErrors.LoginRequired, outcome.Failure?.Error);
        Assert.Empty(source.UserRequests);
    }

    [Fact]
    public async Task OnBehalfOf_UserResolver_WinsOverTheDefaultLoginHint()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var authorizer = Create(source, o =>
        {
            o.UserResolver = call => call.GetString("customer");
            o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address"));
        });

        await authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote", new { customer = "app.owner" }), default);

        Assert.Equal("app.owner", Assert.Single(source.UserRequests).LoginHint);
    }

    [Fact]
    public async Task OnBehalfOf_BuilderRefusesTheArguments_IsRefusedWithInvalidRequestAndNoApprovalIsAsked()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var authorizer = Create(source, o => o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment")
            .SetAuthorizationDetails(call => throw new ArgumentException("Unknown quote; get a quote first.", "quoteId"))));

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("purchaseItem", new { quoteId = "q_nope" }), default);

        Assert.Equal(ToolAuthorizationErrors.InvalidRequest, outcome.Failure?.Error);
        Assert.Equal("Unknown quote; get a quote first.", outcome.Failure?.Message);
        Assert.Empty(source.UserRequests);
    }

    [Fact]
    public async Task OnBehalfOf_UserDeclines_IsRefusedWithAccessDeniedAndThePolicyMessage()
    {
        var source = new FakeToolTokenSource
        {
            GetUserTokenAsyncCallback = (_, _, _) => Task.FromResult(ToolTokenResult.Failure("access_denied", "end.user pressed deny")),
        };
        var authorizer = Create(source, o => o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment")
            .SetDeniedMessage("The customer declined the purchase.")));

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("purchaseItem"), default);

        Assert.Equal(new ToolAuthorizationFailure("access_denied", "The customer declined the purchase."), outcome.Failure);
        Assert.Equal(0, authorizer.CachedUserTokens);
    }

    [Fact]
    public async Task OnBehalfOf_RequestExpires_IsRefusedWithExpiredToken()
    {
        var source = new FakeToolTokenSource
        {
            GetUserTokenAsyncCallback = (_, _, _) => Task.FromResult(ToolTokenResult.Failure("expired_token")),
        };
        var authorizer = Create(source, o => o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address")));

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), default);

        Assert.Equal(ToolAuthorizationErrors.ExpiredToken, outcome.Failure?.Error);
    }

    [Fact]
    public async Task OnBehalfOf_NoDecisionWithinTheApprovalTimeout_IsRefusedWithExpiredToken()
    {
        var source = new FakeToolTokenSource
        {
            GetUserTokenAsyncCallback = async (_, _, cancellationToken) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                return ToolTokenResult.Failure("server_error");
            },
        };
        var progress = new RecordingProgress();
        var authorizer = Create(source, o =>
        {
            o.ApprovalTimeout = TimeSpan.FromMinutes(2);
            o.Progress = progress;
            o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address"));
        });

        var call = authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), default).AsTask();
        var finishedEarly = call.IsCompleted;
        _time.Advance(TimeSpan.FromMinutes(2));
        var outcome = await call;

        Assert.False(finishedEarly);
        Assert.Equal(ToolAuthorizationErrors.ExpiredToken, outcome.Failure?.Error);
        Assert.Equal(ApprovalStage.Expired, progress.Reports.Last().Stage);
    }

    [Fact]
    public async Task OnBehalfOf_Progress_ReportsRequestingWaitingWithTimeLeftThenApproved()
    {
        var source = new FakeToolTokenSource
        {
            GetUserTokenAsyncCallback = (_, progress, _) =>
            {
                progress?.Report(new UserTokenProgress(_time.GetUtcNow().AddMinutes(5)));
                return Task.FromResult(ToolTokenResult.Success(new ToolAccessToken("t", _time.GetUtcNow().AddMinutes(5))));
            },
        };
        var progress = new RecordingProgress();
        var authorizer = Create(source, o =>
        {
            o.Progress = progress;
            o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment").SetBindingMessage("Buy it?"));
        });

        await authorizer.AuthorizeAsync(Calls.Create("purchaseItem"), default);

        var reports = progress.Reports.ToList();
        Assert.Equal([ApprovalStage.Requesting, ApprovalStage.Waiting, ApprovalStage.Approved], reports.Select(r => r.Stage));
        Assert.All(reports, r => Assert.Equal("Buy it?", r.BindingMessage));
        Assert.All(reports, r => Assert.Equal("purchaseItem", r.ToolName));
        Assert.Single(reports.Select(r => r.ApprovalId).Distinct());
        Assert.Equal(TimeSpan.FromMinutes(5), reports[1].TimeLeft(_time.GetUtcNow()));
    }

    [Fact]
    public async Task OnBehalfOf_UserDeclines_ReportsDenied()
    {
        var source = new FakeToolTokenSource { GetUserTokenAsyncCallback = (_, _, _) => Task.FromResult(ToolTokenResult.Failure("access_denied")) };
        var progress = new RecordingProgress();
        var authorizer = Create(source, o =>
        {
            o.Progress = progress;
            o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment"));
        });

        await authorizer.AuthorizeAsync(Calls.Create("purchaseItem"), default);

        Assert.Equal(ApprovalStage.Denied, progress.Reports.Last().Stage);
    }

    [Fact]
    public async Task OnBehalfOf_SharedApproval_ReportsOneSeries()
    {
        var gate = new TaskCompletionSource<ToolTokenResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new FakeToolTokenSource { GetUserTokenAsyncCallback = (_, _, _) => gate.Task };
        var progress = new RecordingProgress();
        var authorizer = Create(source, o =>
        {
            o.Progress = progress;
            o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address"));
        });

        var one = authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), default).AsTask();
        var two = authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), default).AsTask();
        gate.SetResult(ToolTokenResult.Success(new ToolAccessToken("t", _time.GetUtcNow().AddMinutes(5))));
        await Task.WhenAll(one, two);

        Assert.Equal([ApprovalStage.Requesting, ApprovalStage.Approved], progress.Reports.Select(r => r.Stage));
    }

    [Fact]
    public async Task OnBehalfOf_ProgressObserverThrows_TheCallIsStillAuthorized()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var authorizer = Create(source, o =>
        {
            o.Progress = new RecordingProgress { OnReport = _ => throw new InvalidOperationException("UI is gone") };
            o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address"));
        });

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), default);

        Assert.True(outcome.IsAllowed);
    }

    [Fact]
    public async Task OnBehalfOf_TokenSourceThrows_IsRefusedAsTemporarilyUnavailable()
    {
        var source = new FakeToolTokenSource { GetUserTokenAsyncCallback = (_, _, _) => throw new HttpRequestException("down") };
        var authorizer = Create(source, o => o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address")));

        var outcome = await authorizer.AuthorizeAsync(Calls.Create("getTailoredQuote"), default);

        Assert.Equal(ToolAuthorizationErrors.TemporarilyUnavailable, outcome.Failure?.Error);
        Assert.Equal(0, authorizer.PendingApprovalCount);
    }

    [Fact]
    public void Constructor_PolicyWithoutScopes_ThrowsNamingTheTool()
    {
        var options = new ToolAuthorizationOptions();
        options.SetPolicy("getAvailableDeals", ToolPolicy.Autonomous());

        var error = Assert.Throws<InvalidOperationException>(() => new ToolAuthorizer(new FakeToolTokenSource(), options));

        Assert.Contains("getAvailableDeals", error.Message, StringComparison.Ordinal);
    }

    private ToolAuthorizer Create(FakeToolTokenSource source, Action<ToolAuthorizationOptions> configure)
    {
        var options = new ToolAuthorizationOptions { LoginHint = "end.user" };
        configure(options);
        return new ToolAuthorizer(source, options, _time);
    }
}
