using System.Collections.Concurrent;

namespace Mandate.AI.Tests.Fakes;

/// <summary>A token source whose answers the test sets; records every request.</summary>
internal sealed class FakeToolTokenSource : IToolTokenSource
{
    public string ClientId { get; set; } = "ai-agent";

    public Func<ClientTokenRequest, CancellationToken, ValueTask<ToolTokenResult>> GetClientTokenAsyncCallback { get; set; } =
        (_, _) => throw new InvalidOperationException("No client token was expected.");

    public Func<UserTokenRequest, IProgress<UserTokenProgress>?, CancellationToken, Task<ToolTokenResult>> GetUserTokenAsyncCallback { get; set; } =
        (_, _, _) => throw new InvalidOperationException("No user token was expected.");

    public ConcurrentQueue<ClientTokenRequest> ClientRequests { get; } = new();

    public ConcurrentQueue<UserTokenRequest> UserRequests { get; } = new();

    public ValueTask<ToolTokenResult> GetClientTokenAsync(ClientTokenRequest request, CancellationToken cancellationToken)
    {
        ClientRequests.Enqueue(request);
        return GetClientTokenAsyncCallback(request, cancellationToken);
    }

    public Task<ToolTokenResult> GetUserTokenAsync(UserTokenRequest request, IProgress<UserTokenProgress>? progress, CancellationToken cancellationToken)
    {
        UserRequests.Enqueue(request);
        return GetUserTokenAsyncCallback(request, progress, cancellationToken);
    }

    /// <summary>A source that approves every user request at once with a token named after the user and scopes.</summary>
    public static FakeToolTokenSource ApprovingEverything(TimeProvider time, TimeSpan? lifetime = null)
    {
        var source = new FakeToolTokenSource();
        var counter = 0;
        source.GetUserTokenAsyncCallback = (request, _, _) => Task.FromResult(ToolTokenResult.Success(new ToolAccessToken(
            $"user-token-{request.LoginHint}-{string.Join('+', request.Scopes)}-{Interlocked.Increment(ref counter)}",
            time.GetUtcNow() + (lifetime ?? TimeSpan.FromMinutes(5)))));
        source.GetClientTokenAsyncCallback = (request, _) => ValueTask.FromResult(ToolTokenResult.Success(new ToolAccessToken(
            $"client-token-{string.Join('+', request.Scopes)}", time.GetUtcNow() + TimeSpan.FromHours(1))));
        return source;
    }
}
