using System.Collections.Concurrent;
using Mandate.AI.Tokens;

namespace ShoeStore.Agent.Tests.Fakes;

/// <summary>A token source whose answers the test sets; records every request.</summary>
internal sealed class FakeToolTokenSource : IToolTokenSource
{
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
}
