using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Tests.Passkeys;

/// <summary>
/// The passkey device API end to end in memory, with a software authenticator (<see cref="TestAuthenticator"/>): adding
/// (and the 5-minute rule), listing, removing, signing in, approving a payment by passkey (tokens say amr pop+user),
/// refusing a click approval once a passkey exists, and refusing signatures for another request, replays, and
/// assertions without user verification. A fresh server (and database) per test: passkeys and the clock are per person
/// and server. On SQLite and on PostgreSQL.
/// </summary>
public abstract class PasskeyApiTests : IAsyncLifetime
{
    private const string Details = """[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""";

    private readonly TestSeed _seed = new();
    private readonly TestAuthenticator _authenticator = new();
    private MandateTestServer _server = null!;

    public async Task InitializeAsync() => _server = await StartServerAsync(_seed);

    public virtual async Task DisposeAsync()
    {
        _authenticator.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected abstract Task<MandateTestServer> StartServerAsync(TestSeed seed);

    public sealed class OnSqlite : PasskeyApiTests
    {
        protected override Task<MandateTestServer> StartServerAsync(TestSeed seed) => MandateTestServer.StartAsync(seed);
    }

    [RequiresPostgreSql]
    public sealed class OnPostgreSql : PasskeyApiTests
    {
        private PostgreSqlTestDatabase? _database;

        protected override async Task<MandateTestServer> StartServerAsync(TestSeed seed)
        {
            if (PostgreSqlTestServer.ConnectionString is null)
            {
                return null!; // the tests are reported as skipped
            }

            _database = await PostgreSqlTestDatabase.CreateAsync();
            return await MandateTestServer.StartAsync(seed, settings: _database.Settings());
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }

    [DatabaseFact]
    public async Task AddPasskey_RightAfterPasswordSignIn_IsListedAndRemovable()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var id = await AddPasskeyAsync(device);

        var list = await (await device.GetAsync("/device/api/passkeys")).ReadJsonAsync();
        var passkey = Assert.Single(list.EnumerateArray());
        Assert.Equal(id, passkey.GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(passkey.GetProperty("label").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await device.DeleteAsync($"/device/api/passkeys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await device.DeleteAsync($"/device/api/passkeys/{id}")).StatusCode);
        Assert.Empty((await (await device.GetAsync("/device/api/passkeys")).ReadJsonAsync()).EnumerateArray());
    }

    [DatabaseFact]
    public async Task AddPasskey_MoreThanFiveMinutesAfterSignIn_Is403AskingToSignInAgain()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        _server.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var response = await device.PostAsJsonAsync("/device/api/passkeys/registration-options", new { });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sign in again", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task AddPasskey_OptionsTakenInTime_FinishedTooLate_Is403()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var options = await (await device.PostAsJsonAsync("/device/api/passkeys/registration-options", new { })).ReadJsonAsync();
        _server.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Forbidden, (await device.PostAsJsonAsync("/device/api/passkeys", _authenticator.Create(options))).StatusCode);
    }

    [DatabaseFact]
    public async Task Passkeys_WithoutSession_Are401()
    {
        using var anonymous = _server.CreateCookieClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/device/api/passkeys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/device/api/passkeys/registration-options", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/device/api/passkeys", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/device/api/requests/x/passkey-options", new { })).StatusCode);
    }

    [DatabaseFact]
    public async Task ClickApproval_WithoutAPasskey_StillWorks_AndTheTokenSaysPassword()
    {
        var (authReqId, _) = await StartPaymentAsync("Buy Nike Pegasus 41 for $140");
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        Assert.Equal(HttpStatusCode.OK, (await device.DecideAsync(_server, authReqId, approve: true)).StatusCode);

        var (access, id) = await TokensAsync(authReqId);
        Assert.Equal(["pwd"], access.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("urn:mandate:acr:password", access.GetProperty("acr").GetString());
        Assert.Equal(["pwd"], id.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
    }

    [DatabaseFact]
    public async Task ClickApproval_OfAPayment_OnceAPasskeyExists_Is403_ButDenyAndOtherScopesNeedNone()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        await AddPasskeyAsync(device);
        var (_, payment) = await StartPaymentAsync("Buy Nike Pegasus 41 for $140");

        var click = await device.PostAsJsonAsync($"/device/api/requests/{payment}/approve", new { });
        Assert.Equal(HttpStatusCode.Forbidden, click.StatusCode);
        Assert.Contains("needs your passkey", (await click.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains((await device.PendingAsync()).EnumerateArray(), r => r.GetProperty("id").GetString() == payment);
        Assert.Equal(HttpStatusCode.OK, (await device.PostAsJsonAsync($"/device/api/requests/{payment}/deny", new { })).StatusCode);

        var (_, quote) = await StartPaymentAsync("Quote for Pegasus 41", scope: "openid address", details: null);
        Assert.Equal(HttpStatusCode.OK, (await device.PostAsJsonAsync($"/device/api/requests/{quote}/approve", new { })).StatusCode);
    }

    [DatabaseFact]
    public async Task PasskeyApproval_OfAPayment_IssuesTokensWithAmrPopUser_AndKeepsAReceipt()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        await AddPasskeyAsync(device);
        var (authReqId, id) = await StartPaymentAsync("Buy Nike Pegasus 41 for $140");

        var response = await ApproveWithPasskeyAsync(device, id);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var (access, idToken) = await TokensAsync(authReqId);
        Assert.Equal(["pop", "user"], access.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("urn:mandate:acr:passkey", access.GetProperty("acr").GetString());
        Assert.Equal(["pop", "user"], idToken.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("urn:mandate:acr:passkey", idToken.GetProperty("acr").GetString());

        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MandateDbContext>();
        var receipt = await db.ApprovalReceipts.SingleAsync(r => r.RequestId == id);
        Assert.Equal("Buy Nike Pegasus 41 for $140", receipt.BindingMessage);
        Assert.Equal(TransactionChallengeFor(receipt), receipt.Challenge);
        Assert.Equal(receipt.Challenge, Mandate.Server.Passkeys.PasskeyChallengeStore.ChallengeOf(receipt.ClientDataJson));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Event == "ciba.approve" && a.Subject == TestSeed.EndUserSubject));
        Assert.Equal(_authenticator.SignCount, (uint)(await db.Passkeys.SingleAsync()).SignCount);
    }

    [DatabaseFact]
    public async Task PasskeySignature_ForAnotherRequestsChallenge_IsRefused_AndNothingIsApproved()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        await AddPasskeyAsync(device);
        var (_, cheap) = await StartPaymentAsync("Buy socks for $5");
        var (_, dear) = await StartPaymentAsync("Buy Nike Pegasus 41 for $140");

        // The person is shown (and signs) the cheap request; the signature is sent to approve the dear one.
        var options = await (await device.PostAsJsonAsync($"/device/api/requests/{cheap}/passkey-options", new { })).ReadJsonAsync();
        var assertion = _authenticator.Get(options);
        var response = await device.PostAsJsonAsync($"/device/api/requests/{dear}/approve", new JsonObject { ["credential"] = assertion });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("different request", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var pending = (await device.PendingAsync()).EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains(dear, pending);
        Assert.Contains(cheap, pending);
    }

    [DatabaseFact]
    public async Task PasskeySignature_OverAChallengeTheServerNeverGave_IsRefused()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        await AddPasskeyAsync(device);
        var (_, id) = await StartPaymentAsync("Buy Nike Pegasus 41 for $140");
        var forged = System.Buffers.Text.Base64Url.EncodeToString(new byte[32]);

        var response = await device.PostAsJsonAsync($"/device/api/requests/{id}/approve", new JsonObject { ["credential"] = _authenticator.Sign(forged) });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [DatabaseFact]
    public async Task PasskeyApproval_Replayed_IsRefused_TheChallengeIsSingleUse()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        await AddPasskeyAsync(device);
        var (_, id) = await StartPaymentAsync("Buy Nike Pegasus 41 for $140");
        var options = await (await device.PostAsJsonAsync($"/device/api/requests/{id}/passkey-options", new { })).ReadJsonAsync();
        var body = new JsonObject { ["credential"] = _authenticator.Get(options) };

        Assert.Equal(HttpStatusCode.OK, (await device.PostAsJsonAsync($"/device/api/requests/{id}/approve", body.DeepClone())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await device.PostAsJsonAsync($"/device/api/requests/{id}/approve", body.DeepClone())).StatusCode);
    }

    [DatabaseFact]
    public async Task PasskeyApproval_WithoutUserVerification_FromAnotherOrigin_OrAfterTheChallengeExpired_IsRefused()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        await AddPasskeyAsync(device);
        var (_, id) = await StartPaymentAsync("Buy Nike Pegasus 41 for $140");

        var options = await PasskeyOptionsAsync(device, id);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApproveAsync(device, id, _authenticator.Get(options, userVerified: false))).StatusCode);
        options = await PasskeyOptionsAsync(device, id);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApproveAsync(device, id, _authenticator.Sign(options.GetProperty("challenge").GetString()!, overrideOrigin: "http://evil.localhost"))).StatusCode);
        options = await PasskeyOptionsAsync(device, id);
        _server.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Forbidden, (await ApproveAsync(device, id, _authenticator.Get(options))).StatusCode);

        Assert.Contains((await device.PendingAsync()).EnumerateArray(), r => r.GetProperty("id").GetString() == id);
    }

    [DatabaseFact]
    public async Task PasskeyApproval_WithASignCountThatWentBack_IsRefused()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        await AddPasskeyAsync(device);
        var (_, first) = await StartPaymentAsync("Buy socks for $5");
        Assert.Equal(HttpStatusCode.OK, (await ApproveWithPasskeyAsync(device, first)).StatusCode);
        var (_, second) = await StartPaymentAsync("Buy Nike Pegasus 41 for $140");

        _authenticator.SignCount = 0; // a cloned authenticator would sign with the counter it was copied with
        Assert.Equal(HttpStatusCode.Forbidden, (await ApproveWithPasskeyAsync(device, second)).StatusCode);
    }

    [DatabaseFact]
    public async Task PasskeySignIn_GivesASession_ThatCanApproveByPasskeyButNotAddAnotherPasskey()
    {
        using (var first = await _server.SignInAsync("end.user", _seed.EndUserPassword))
        {
            await AddPasskeyAsync(first);
        }

        using var device = _server.CreateCookieClient();
        var options = await (await device.PostAsJsonAsync("/device/api/passkeys/sign-in-options", new { })).ReadJsonAsync();
        Assert.Equal(0, options.GetProperty("allowCredentials").GetArrayLength());
        Assert.Equal("required", options.GetProperty("userVerification").GetString());
        var signIn = await device.PostAsJsonAsync("/device/api/passkeys/sign-in", _authenticator.Get(options));
        Assert.True(signIn.StatusCode == HttpStatusCode.OK, await signIn.Content.ReadAsStringAsync());
        Assert.Equal("end.user", (await signIn.ReadJsonAsync()).GetProperty("username").GetString());

        Assert.Equal(HttpStatusCode.OK, (await device.GetAsync("/device/api/requests")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await device.PostAsJsonAsync("/device/api/passkeys/registration-options", new { })).StatusCode);
        var (_, id) = await StartPaymentAsync("Buy Nike Pegasus 41 for $140");
        Assert.Equal(HttpStatusCode.OK, (await ApproveWithPasskeyAsync(device, id)).StatusCode);
    }

    [DatabaseFact]
    public async Task PasskeySignIn_WithAnUnknownCredentialOrAReplay_Is401Or403()
    {
        using var device = _server.CreateCookieClient();
        var options = await (await device.PostAsJsonAsync("/device/api/passkeys/sign-in-options", new { })).ReadJsonAsync();
        var assertion = _authenticator.Get(options); // never registered
        Assert.Equal(HttpStatusCode.Unauthorized, (await device.PostAsJsonAsync("/device/api/passkeys/sign-in", assertion)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await device.PostAsJsonAsync("/device/api/passkeys/sign-in", assertion)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await device.GetAsync("/device/api/requests")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await device.PostAsJsonAsync("/device/api/passkeys/sign-in", new[] { 1 })).StatusCode);
    }

    [DatabaseFact]
    public async Task PasskeySignInPrompts_FromOneAddress_AreBounded()
    {
        using var device = _server.CreateCookieClient();
        for (var i = 0; i < Mandate.Server.Passkeys.PasskeyPromptBudget.PerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await device.PostAsJsonAsync("/device/api/passkeys/sign-in-options", new { })).StatusCode);
        }

        var refused = await device.PostAsJsonAsync("/device/api/passkeys/sign-in-options", new { });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        _server.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await device.PostAsJsonAsync("/device/api/passkeys/sign-in-options", new { })).StatusCode);
    }

    [DatabaseFact]
    public async Task MalformedAssertions_AreAnswered4xx_NeverA5xx_AndApproveNothing()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        await AddPasskeyAsync(device);
        var (_, id) = await StartPaymentAsync("Buy Nike Pegasus 41 for $140");
        var b64 = (byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
        var mutations = new Action<JsonObject>[]
        {
            c => c["response"]!["authenticatorData"] = b64(new byte[10]),
            c => c["response"]!["authenticatorData"] = "!!not base64!!",
            c => c["response"]!["signature"] = b64(new byte[70]),
            c => c["response"]!.AsObject().Remove("signature"),
            c => c["response"]!.AsObject().Remove("authenticatorData"),
            c => c["response"]!["userHandle"] = b64(new byte[32]),
            c => c["rawId"] = b64(new byte[16]),
            c => c["id"] = "something-else",
            c => c["type"] = "password",
            c => c["response"] = "x",
            c => c.Remove("response"),
        };
        foreach (var mutate in mutations)
        {
            var credential = _authenticator.Get(await PasskeyOptionsAsync(device, id));
            mutate(credential);
            var approve = await ApproveAsync(device, id, credential);
            Assert.True((int)approve.StatusCode is >= 400 and < 500, $"approve: {(int)approve.StatusCode} for {credential.ToJsonString()}");

            using var anonymous = _server.CreateCookieClient();
            var options = await (await anonymous.PostAsJsonAsync("/device/api/passkeys/sign-in-options", new { })).ReadJsonAsync();
            var signInCredential = _authenticator.Get(options);
            mutate(signInCredential);
            var signIn = await anonymous.PostAsJsonAsync("/device/api/passkeys/sign-in", signInCredential);
            Assert.True((int)signIn.StatusCode is >= 400 and < 500, $"sign-in: {(int)signIn.StatusCode} for {signInCredential.ToJsonString()}");
        }

        Assert.Contains((await device.PendingAsync()).EnumerateArray(), r => r.GetProperty("id").GetString() == id);
    }

    [DatabaseFact]
    public async Task MalformedNewPasskeys_AreAnswered4xx_AndAddNothing()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var mutations = new Action<JsonObject>[]
        {
            c => c["response"]!["attestationObject"] = System.Buffers.Text.Base64Url.EncodeToString(new byte[40]),
            c => c["response"]!["attestationObject"] = "%%%",
            c => c["response"]!.AsObject().Remove("attestationObject"),
            c => c["response"]!["clientDataJSON"] = System.Buffers.Text.Base64Url.EncodeToString("{}"u8.ToArray()),
            c => c["type"] = 7,
        };
        foreach (var mutate in mutations)
        {
            var options = await (await device.PostAsJsonAsync("/device/api/passkeys/registration-options", new { })).ReadJsonAsync();
            var credential = _authenticator.Create(options);
            mutate(credential);
            var response = await device.PostAsJsonAsync("/device/api/passkeys", credential);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode} for {credential.ToJsonString()}");
        }

        Assert.Empty((await (await device.GetAsync("/device/api/passkeys")).ReadJsonAsync()).EnumerateArray());
    }

    private async Task<string> AddPasskeyAsync(HttpClient device)
    {
        var optionsResponse = await device.PostAsJsonAsync("/device/api/passkeys/registration-options", new { });
        Assert.True(optionsResponse.StatusCode == HttpStatusCode.OK, await optionsResponse.Content.ReadAsStringAsync());
        var options = await optionsResponse.ReadJsonAsync();
        Assert.Equal("required", options.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString());
        Assert.Equal("required", options.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString());
        var response = await device.PostAsJsonAsync("/device/api/passkeys", _authenticator.Create(options));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task<(string AuthReqId, string Id)> StartPaymentAsync(string message, string scope = "openid payment", string? details = Details)
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.Agent, _server.Time.GetUtcNow(), scope);
        claims["binding_message"] = message;
        if (details is not null)
        {
            claims["authorization_details"] = JsonSerializer.Deserialize<JsonElement>(details);
        }

        var authReqId = await _server.StartCibaAsync(_seed.Agent, claims);
        await using var scope_ = _server.Services.CreateAsyncScope();
        var db = scope_.ServiceProvider.GetRequiredService<MandateDbContext>();
        var id = await db.BackchannelRequests.Where(r => r.BindingMessage == message && r.Status == BackchannelRequestStatus.Pending).Select(r => r.Id).SingleAsync();
        return (authReqId, id);
    }

    private static async Task<JsonElement> PasskeyOptionsAsync(HttpClient device, string id)
    {
        var response = await device.PostAsJsonAsync($"/device/api/requests/{id}/passkey-options", new { });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static Task<HttpResponseMessage> ApproveAsync(HttpClient device, string id, JsonObject assertion) =>
        device.PostAsJsonAsync($"/device/api/requests/{id}/approve", new JsonObject { ["credential"] = assertion });

    private async Task<HttpResponseMessage> ApproveWithPasskeyAsync(HttpClient device, string id) =>
        await ApproveAsync(device, id, _authenticator.Get(await PasskeyOptionsAsync(device, id)));

    private async Task<(JsonElement Access, JsonElement Id)> TokensAsync(string authReqId)
    {
        var response = await _server.PollAsync(_seed.Agent, authReqId);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return (Jwt.Payload(body.GetProperty("access_token").GetString()!), Jwt.Payload(body.GetProperty("id_token").GetString()!));
    }

    private static byte[] TransactionChallengeFor(ApprovalReceiptRecord receipt) =>
        Mandate.Server.Passkeys.TransactionChallenge.Derive(receipt.Nonce, receipt.RequestId, receipt.BindingMessage, receipt.AuthorizationDetails);
}
