using Mandate.Client.Ciba;
using Mandate.Client.ClientCredentials;
using Mandate.Client.Tokens;

namespace Mandate.AI.Tests.Fakes;

/// <summary>Mandate.Client's Client Credentials client, answering as the test sets.</summary>
internal sealed class FakeClientCredentialsClient : IClientCredentialsClient
{
    public Func<string, string?, CancellationToken, ValueTask<TokenResponse>> GetTokenAsyncCallback { get; set; } =
        (_, _, _) => throw new InvalidOperationException("No token was expected.");

    public ValueTask<TokenResponse> GetTokenAsync(string scope, string? resource = null, CancellationToken cancellationToken = default) =>
        GetTokenAsyncCallback(scope, resource, cancellationToken);
}

/// <summary>Mandate.Client's CIBA client, answering as the test sets.</summary>
internal sealed class FakeCibaClient : ICibaClient
{
    public Func<BackchannelAuthenticationRequest, IProgress<CibaProgress>?, CancellationToken, Task<TokenResponse>> AuthenticateAsyncCallback { get; set; } =
        (_, _, _) => throw new InvalidOperationException("No CIBA request was expected.");

    public Task<TokenResponse> AuthenticateAsync(
        BackchannelAuthenticationRequest request, IProgress<CibaProgress>? progress = null, CancellationToken cancellationToken = default) =>
        AuthenticateAsyncCallback(request, progress, cancellationToken);

    public Func<BackchannelAuthenticationRequest, CancellationToken, Task<CibaPendingRequest>> SendAsyncCallback { get; set; } =
        (_, _) => throw new InvalidOperationException("No CIBA request was expected.");

    public Func<CibaPendingRequest, CancellationToken, Task<TokenResponse>> WaitForTokenAsyncCallback { get; set; } =
        (_, _) => throw new InvalidOperationException("No CIBA wait was expected.");

    public Task<CibaPendingRequest> SendAsync(BackchannelAuthenticationRequest request, CancellationToken cancellationToken = default) =>
        SendAsyncCallback(request, cancellationToken);

    public Task<TokenResponse> WaitForTokenAsync(CibaPendingRequest pending, IProgress<CibaProgress>? progress = null, CancellationToken cancellationToken = default) =>
        WaitForTokenAsyncCallback(pending, cancellationToken);
}
