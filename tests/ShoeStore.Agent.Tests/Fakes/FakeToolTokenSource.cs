using System.Collections.Concurrent;
using Mandate.AI.Tokens;

namespace ShoeStore.Agent.Tests.Fakes;

/// <summary>
/// A token source whose answers the test sets; records every request. In two steps (durable tools) the request is
/// acknowledged at once and the wait gives the answer.
/// </summary>
internal sealed class FakeToolTokenSource : IResumableUserTokenSource
{
    private readonly ConcurrentDictionary<string, UserTokenRequest> _sent = new(StringComparer.Ordinal);

    public string ClientId { get; set; } = "ai-agent";

    public Func<ClientTokenRequest, ToolTokenResult> ClientToken { get; set; } =
        request => ToolTokenResult.Success(new ToolAccessToken("cc." + string.Join('.', request.Scopes), DateTimeOffset.UtcNow.AddHours(1)));

    public Func<UserTokenRequest, IProgress<UserTokenProgress>?, ToolTokenResult> UserToken { get; set; } = (request, progress) =>
    {
        progress?.Report(new UserTokenProgress(DateTimeOffset.UtcNow.AddMinutes(5)));
        return ToolTokenResult.Success(new ToolAccessToken($"ciba.{request.LoginHint}.{string.Join('.', request.Scopes)}", DateTimeOffset.UtcNow.AddMinutes(5)));
    };

    /// <summary>When set, answers user-token requests instead of <see cref="UserToken"/> (e.g. to wait for cancellation).</summary>
    public Func<UserTokenRequest, IProgress<UserTokenProgress>?, CancellationToken, Task<ToolTokenResult>>? UserTokenAsync { get; set; }

    public ConcurrentQueue<ClientTokenRequest> ClientRequests { get; } = new();

    public ConcurrentQueue<UserTokenRequest> UserRequests { get; } = new();

    public ValueTask<ToolTokenResult> GetClientTokenAsync(ClientTokenRequest request, CancellationToken cancellationToken)
    {
        ClientRequests.Enqueue(request);
        return ValueTask.FromResult(ClientToken(request));
    }

    public Task<ToolTokenResult> GetUserTokenAsync(UserTokenRequest request, IProgress<UserTokenProgress>? progress, CancellationToken cancellationToken)
    {
        UserRequests.Enqueue(request);
        return UserTokenAsync?.Invoke(request, progress, cancellationToken) ?? Task.FromResult(UserToken(request, progress));
    }

    public Task<UserApprovalRequestResult> RequestUserApprovalAsync(UserTokenRequest request, CancellationToken cancellationToken)
    {
        var authReqId = "req-" + Guid.NewGuid().ToString("N");
        _sent[authReqId] = request;
        return Task.FromResult(UserApprovalRequestResult.Success(new PendingUserApproval(authReqId, DateTimeOffset.UtcNow.AddMinutes(5), TimeSpan.FromSeconds(5))));
    }

    public Task<ToolTokenResult> WaitForUserTokenAsync(PendingUserApproval pending, CancellationToken cancellationToken) =>
        _sent.TryRemove(pending.AuthReqId, out var request)
            ? GetUserTokenAsync(request, progress: null, cancellationToken)
            : Task.FromResult(ToolTokenResult.Failure("invalid_grant"));
}
