using System.Collections.Concurrent;

namespace Mandate.AI.Tests.Fakes;

/// <summary>
/// A token source that waits in two steps, like an authorization server with CIBA: each request gets an
/// <c>auth_req_id</c>; the test decides each one (<see cref="Approve"/>, <see cref="Deny"/>), or answers waits with
/// <see cref="WaitAnswer"/>. Records every request and wait.
/// </summary>
internal sealed class FakeResumableTokenSource(TimeProvider time) : IResumableUserTokenSource
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ToolTokenResult>> _decisions = new();
    private int _counter;

    public string ClientId => "ai-agent";

    public ConcurrentQueue<UserTokenRequest> Requests { get; } = new();

    public ConcurrentQueue<string> Waits { get; } = new();

    /// <summary>When set, answers every wait at once (e.g. an unreachable server that throws).</summary>
    public Func<PendingUserApproval, Task<ToolTokenResult>>? WaitAnswer { get; set; }

    /// <summary>Raised when a request has been acknowledged, with its <c>auth_req_id</c>.</summary>
    public event Action<string>? Requested;

    public static ToolAccessToken TokenFor(string authReqId) => new("user-token-for-" + authReqId, DateTimeOffset.MaxValue, "payment");

    public void Approve(string authReqId) => Decision(authReqId).TrySetResult(ToolTokenResult.Success(TokenFor(authReqId)));

    public void Deny(string authReqId) => Decision(authReqId).TrySetResult(ToolTokenResult.Failure("access_denied"));

    public ValueTask<ToolTokenResult> GetClientTokenAsync(ClientTokenRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ToolTokenResult.Success(new ToolAccessToken("client-token")));

    public Task<ToolTokenResult> GetUserTokenAsync(UserTokenRequest request, IProgress<UserTokenProgress>? progress, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A durable tool waits in two steps.");

    public Task<UserApprovalRequestResult> RequestUserApprovalAsync(UserTokenRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var authReqId = "req-" + Interlocked.Increment(ref _counter);
        _ = Decision(authReqId);
        var result = UserApprovalRequestResult.Success(new PendingUserApproval(authReqId, time.GetUtcNow().AddMinutes(2), TimeSpan.FromSeconds(2)));
        Requested?.Invoke(authReqId);
        return Task.FromResult(result);
    }

    public async Task<ToolTokenResult> WaitForUserTokenAsync(PendingUserApproval pending, CancellationToken cancellationToken)
    {
        Waits.Enqueue(pending.AuthReqId);
        return WaitAnswer is { } answer
            ? await answer(pending)
            : await Decision(pending.AuthReqId).Task.WaitAsync(cancellationToken);
    }

    private TaskCompletionSource<ToolTokenResult> Decision(string authReqId) =>
        _decisions.GetOrAdd(authReqId, _ => new TaskCompletionSource<ToolTokenResult>(TaskCreationOptions.RunContinuationsAsynchronously));
}
