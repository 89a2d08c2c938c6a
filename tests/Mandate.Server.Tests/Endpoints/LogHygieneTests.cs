using System.Net.Http.Json;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>Every log line of a full flow is free of secrets, tokens, request objects and passwords.</summary>
public sealed class LogHygieneTests
{
    [Fact]
    public async Task FullFlow_LogsNoSecretTokenRequestObjectOrPassword()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        var secrets = new List<string> { seed.Agent.Secret, seed.Plain.Secret, seed.EndUserPassword, seed.AppOwnerPassword, seed.EndUserCode };
        var d = seed.Agent.Key.ExportParameters(true).D!;
        secrets.Add(Base64UrlEncoder.Encode(d));

        var cc = await (await server.TokenAsync(seed.Agent, ("grant_type", "client_credentials"), ("scope", "prices"))).ReadJsonAsync();
        secrets.Add(cc.GetProperty("access_token").GetString()!);

        var claims = OAuthCalls.RequestObjectClaims(seed.Agent, server.Time.GetUtcNow());
        var requestObject = Jwt.SignEs256(seed.Agent.Key, seed.Agent.Kid, claims);
        secrets.Add(requestObject);
        var bc = await (await server.BcAuthorizeAsync(seed.Agent, ("request", requestObject))).ReadJsonAsync();
        var authReqId = bc.GetProperty("auth_req_id").GetString()!;
        secrets.Add(authReqId);
        await server.PollAsync(seed.Agent, authReqId);

        using var device = server.CreateCookieClient();
        await device.PostAsJsonAsync("/device/api/session", new { username = "end.user", password = "wrong-password-attempt" });
        secrets.Add("wrong-password-attempt");
        Assert.Equal(HttpStatusCode.OK, (await device.PostAsJsonAsync("/device/api/session", new { username = "end.user", password = seed.EndUserPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await device.DecideNewestAsync(approve: true)).StatusCode);
        var tokens = await (await server.PollAsync(seed.Agent, authReqId)).ReadJsonAsync();
        secrets.Add(tokens.GetProperty("access_token").GetString()!);
        secrets.Add(tokens.GetProperty("id_token").GetString()!);

        var logs = server.Logs.Messages.ToList();
        Assert.NotEmpty(logs);
        foreach (var secret in secrets)
        {
            var leaks = logs.Where(l => l.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, "a secret value appears in the logs: " + string.Join(" | ", leaks.Select(l => l.Length > 120 ? l[..120] : l)));
        }

        // JWT signatures are the part that makes a token usable: none may appear either.
        foreach (var jwt in secrets.Where(s => s.Count(c => c == '.') == 2))
        {
            Assert.DoesNotContain(logs, l => l.Contains(jwt.Split('.')[2], StringComparison.Ordinal));
        }
    }
}
