namespace Mandate.Server.Tests.Endpoints;

/// <summary>Durability: a pending CIBA request, the signing key and the clients survive a restart.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task PendingRequestCreatedBeforeRestart_IsApprovedAndRedeemedAfterIt_WithTheSameSigningKey()
    {
        var seed = new TestSeed();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        string authReqId, kidBefore;
        var directory = Directory.CreateTempSubdirectory("mandate-restart-").FullName;
        await using (var before = await MandateTestServer.StartAsync(seed, directory, time))
        {
            authReqId = await before.StartCibaAsync(seed.Agent);
            var token = (await (await before.TokenAsync(seed.Plain, ("grant_type", "client_credentials"), ("scope", "prices"))).ReadJsonAsync())
                .GetProperty("access_token").GetString()!;
            kidBefore = Jwt.Header(token).GetProperty("kid").GetString()!;
        }

        var after = await MandateTestServer.StartAsync(seed, directory, time);
        try
        {
            await after.ApproveAsync(seed, authReqId);
            var response = await after.PollAsync(seed.Agent, authReqId);
            var body = await response.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(kidBefore, Jwt.Header(body.GetProperty("access_token").GetString()!).GetProperty("kid").GetString());
            Assert.Equal(TestSeed.EndUserSubject, Jwt.Payload(body.GetProperty("access_token").GetString()!).GetProperty("sub").GetString());
        }
        finally
        {
            await after.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }
}
