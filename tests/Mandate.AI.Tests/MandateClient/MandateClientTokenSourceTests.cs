using System.Text.Json;
using Mandate.AI.MandateClient;
using Mandate.Client.Ciba;
using Mandate.Client.Configuration;
using Mandate.Client.Tokens;
using Microsoft.Extensions.Options;

namespace Mandate.AI.Tests.MandateClient;

public sealed class MandateClientTokenSourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeClientCredentialsClient _clientCredentials = new();
    private readonly FakeCibaClient _ciba = new();

    [Fact]
    public void ClientId_IsTheConfiguredClient()
    {
        Assert.Equal("ai-agent", Create().ClientId);
    }

    [Fact]
    public async Task GetClientToken_AsksForTheScopesSpaceSeparatedAndTheResource()
    {
        (string Scope, string? Resource)? asked = null;
        _clientCredentials.GetTokenAsyncCallback = (scope, resource, _) =>
        {
            asked = (scope, resource);
            return ValueTask.FromResult(new TokenResponse { AccessToken = "cc-token", ExpiresAt = Now.AddHours(1), Scope = "prices" });
        };

        var result = await Create().GetClientTokenAsync(new ClientTokenRequest(["prices", "catalog"], "https://store.example"), default);

        Assert.Equal(("prices catalog", "https://store.example"), asked);
        Assert.Equal("cc-token", result.Token?.Value);
        Assert.Equal(Now.AddHours(1), result.Token?.ExpiresAt);
        Assert.Equal("prices", result.Token?.Scope);
    }

    [Fact]
    public async Task GetClientToken_OAuthError_BecomesAnErrorValue()
    {
        _clientCredentials.GetTokenAsyncCallback = (_, _, _) => throw new OAuthException("invalid_client", "bad secret", statusCode: 401);

        var result = await Create().GetClientTokenAsync(new ClientTokenRequest(["prices"]), default);

        Assert.Equal(("invalid_client", "bad secret"), (result.Error, result.ErrorDescription));
    }

    [Fact]
    public async Task GetUserToken_SendsTheHintScopesBindingMessageAndAuthorizationDetails()
    {
        BackchannelAuthenticationRequest? sent = null;
        _ciba.AuthenticateAsyncCallback = (request, _, _) =>
        {
            sent = request;
            return Task.FromResult(new TokenResponse { AccessToken = "ciba-token", ExpiresAt = Now.AddMinutes(5) });
        };
        var details = JsonSerializer.SerializeToElement(new[] { Calls.Detail("nike-pegasus-41", 10.5m, "140.00") });

        var result = await Create().GetUserTokenAsync(
            new UserTokenRequest("end.user", ["payment"]) { BindingMessage = "Buy it?", AuthorizationDetails = details }, null, default);

        Assert.Equal("ciba-token", result.Token?.Value);
        Assert.NotNull(sent);
        Assert.Equal("end.user", sent.LoginHint);
        Assert.Equal(["payment"], sent.Scopes);
        Assert.Equal("Buy it?", sent.BindingMessage);
        Assert.Equal(details.GetRawText(), sent.AuthorizationDetails?.ToJsonString());
    }

    [Theory]
    [InlineData("access_denied")]
    [InlineData("expired_token")]
    public async Task GetUserToken_OAuthError_BecomesAnErrorValue(string error)
    {
        _ciba.AuthenticateAsyncCallback = (_, _, _) => throw new OAuthException(error);

        var result = await Create().GetUserTokenAsync(new UserTokenRequest("end.user", ["payment"]), null, default);

        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task GetUserToken_ReportsTheDeadlineOnceTheRequestIsAcknowledged()
    {
        _ciba.AuthenticateAsyncCallback = (_, progress, _) =>
        {
            progress?.Report(new CibaProgress(CibaProgressKind.Requested, "auth-req-secret", Now.AddMinutes(5), TimeSpan.FromSeconds(5), Now.AddSeconds(5)));
            progress?.Report(new CibaProgress(CibaProgressKind.Pending, "auth-req-secret", Now.AddMinutes(5), TimeSpan.FromSeconds(5), Now.AddSeconds(10)));
            progress?.Report(new CibaProgress(CibaProgressKind.Approved, "auth-req-secret", Now.AddMinutes(5), TimeSpan.FromSeconds(5), null));
            return Task.FromResult(new TokenResponse { AccessToken = "ciba-token" });
        };
        var reports = new List<UserTokenProgress>();

        await Create().GetUserTokenAsync(new UserTokenRequest("end.user", ["address"]), new SyncProgress(reports.Add), default);

        Assert.Equal([new UserTokenProgress(Now.AddMinutes(5))], reports);
    }

    [Fact]
    public async Task GetUserToken_WithAResource_SendsItInTheBackchannelRequest()
    {
        BackchannelAuthenticationRequest? sent = null;
        _ciba.AuthenticateAsyncCallback = (request, _, _) =>
        {
            sent = request;
            return Task.FromResult(new TokenResponse { AccessToken = "ciba-token" });
        };

        var result = await Create().GetUserTokenAsync(new UserTokenRequest("end.user", ["payment"]) { Resource = "https://store.example/mcp" }, null, default);

        Assert.Equal("ciba-token", result.Token?.Value);
        Assert.Equal("https://store.example/mcp", sent?.Resource);
    }

    private MandateClientTokenSource Create() =>
        new(_clientCredentials, _ciba, Options.Create(new MandateClientOptions { ClientId = "ai-agent" }));

    private sealed class SyncProgress(Action<UserTokenProgress> report) : IProgress<UserTokenProgress>
    {
        public void Report(UserTokenProgress value) => report(value);
    }
}
