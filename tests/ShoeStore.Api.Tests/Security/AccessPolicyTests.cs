using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Security;

/// <summary>Checklist 4.6, RS-24 … RS-28: scopes, users, challenges, logs and proxies.</summary>
public abstract class AccessPolicyTests(StoreApiFactory api)
{
    public sealed class OnSqlite(SqliteStoreApiFactory api) : AccessPolicyTests(api), IClassFixture<SqliteStoreApiFactory>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlStoreApiFactory api) : AccessPolicyTests(api), IClassFixture<PostgreSqlStoreApiFactory>;

    private const string QuoteBody = """{"productId":"nike-pegasus-41","size":10.5,"quantity":1}""";

    [DatabaseFact]
    public async Task RS_24_DealsWithoutPricesScope_Gets403InsufficientScopeNamingPrices()
    {
        var token = api.Token().WithScope("address payment");

        await Expect.InsufficientScopeAsync(await api.GetAsync("/deals", token.Build()), "prices");
    }

    [DatabaseFact]
    public async Task RS_24_QuoteWithoutAddressScope_Gets403InsufficientScopeNamingAddress()
    {
        var token = api.Token().WithScope("prices payment");

        await Expect.InsufficientScopeAsync(await api.PostJsonAsync("/quotes", QuoteBody, token.Build()), "address");
    }

    [DatabaseFact]
    public async Task RS_24_OrdersWithoutPaymentScope_Gets403InsufficientScopeNamingPayment()
    {
        var token = api.Token().WithScope("prices address");

        await Expect.InsufficientScopeAsync(await api.GetAsync("/orders", token.Build()), "payment");
        await Expect.InsufficientScopeAsync(await api.PostJsonAsync("/orders", QuoteBody, token.Build()), "payment");
    }

    [DatabaseFact]
    public async Task RS_24_ScopeClaimAsArrayOfStrings_IsAccepted()
    {
        var token = api.Token().WithClaim("scope", new JsonArray("prices"));

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/deals", token.Build())).StatusCode);
    }

    [DatabaseFact]
    public async Task ClientCredentialsToken_ReadsDeals()
    {
        var token = api.Token().AsClientCredentials("prices");

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/deals", token.Build())).StatusCode);
    }

    [DatabaseFact]
    public async Task ClientCredentialsToken_AtQuotes_Gets403SayingTheCustomerMustApprove()
    {
        var token = api.Token().AsClientCredentials("prices address payment");

        var problem = await Expect.InsufficientScopeAsync(await api.PostJsonAsync("/quotes", QuoteBody, token.Build()), "address");

        Assert.Contains("customer's approval", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task RS_25_ClientCredentialsTokenWithUserSub_IsNotTreatedAsTheUser()
    {
        // sub is end.user's id, but the token has no act: it is the client's own token.
        var token = api.Token().WithoutClaim("act");

        await Expect.InsufficientScopeAsync(await api.PostJsonAsync("/quotes", QuoteBody, token.Build()), "address");
        await Expect.InsufficientScopeAsync(await api.GetAsync("/orders", token.Build()), "payment");
        await Expect.InsufficientScopeAsync(await api.PostJsonAsync("/orders", QuoteBody, token.Build()), "payment");
    }

    [DatabaseFact]
    public async Task RS_25_ActorNotTheClient_IsNotTreatedAsTheUser()
    {
        var token = api.Token().WithClaim("act", new JsonObject { ["sub"] = "another-client" });

        await Expect.InsufficientScopeAsync(await api.GetAsync("/orders", token.Build()), "payment");
    }

    [DatabaseFact]
    public async Task RS_25_CibaGrantMarkerWithoutAct_IsTreatedAsTheUser()
    {
        // An authorization server without act (e.g. PingOne AIC) marks delegated tokens with grant_type.
        var token = api.Token().WithoutClaim("act").WithClaim("grant_type", "urn:openid:params:grant-type:ciba");

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/orders", token.Build())).StatusCode);
    }

    [DatabaseFact]
    public async Task RS_26_EveryFailure_HasOneOfEachAttributeInTheAllowedCharactersAndNoInternals()
    {
        var now = api.Time.GetUtcNow();
        var failures = new List<HttpResponseMessage>
        {
            await api.GetAsync("/deals"),
            await api.GetAsync("/deals", "x.y.z"),
            await api.GetAsync("/deals", api.Token().WithClaim("aud", "evil\"api\\\" error=\"none").Build()),
            await api.GetAsync("/deals", api.Token().WithClaim("iss", "https://evil\".example").Build()),
            await api.GetAsync("/deals", api.Token().WithClaim("exp", now.AddHours(-1).ToUnixTimeSeconds()).Build()),
            await api.GetAsync("/deals", api.Token().WithHeader("kid", "é\"\\\u0001").Build()),
            await api.GetAsync("/deals", api.Token().WithScope("payment").Build()),
            await api.PostJsonAsync("/quotes", QuoteBody, api.Token().AsClientCredentials("address").Build()),
            await api.GetAsync("/deals?access_token=abc", api.Token().Build()),
        };

        foreach (var response in failures)
        {
            var challenge = BearerChallengeHeader.From(response);
            var names = challenge.Attributes.Select(a => a.Key).ToList();
            Assert.Equal(names.Distinct().Count(), names.Count);
            Assert.All(challenge.Attributes, a => Assert.All(a.Value, c => Assert.True(c is >= ' ' and <= '~' and not '"' and not '\\', $"bad character in {a.Key}")));
            Assert.DoesNotContain(",", challenge["error"] ?? "", StringComparison.Ordinal);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotContain("IDX", body, StringComparison.Ordinal);
            Assert.DoesNotContain("evil", body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        }
    }

    [DatabaseFact]
    public async Task RS_27_TokensNeverReachLogsOrStorage()
    {
        var valid = api.Token().WithPurchase("nike-pegasus-41", 10.5m, 1, "200.00").Build();
        var expired = api.Token().WithClaim("exp", api.Time.GetUtcNow().AddHours(-1).ToUnixTimeSeconds()).Build();
        var badSignature = valid[..^4] + (valid[^4] == 'A' ? "BBBB" : "AAAA");
        var wrongAudience = api.Token().WithClaim("aud", "other").Build();

        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync("/orders", QuoteBody, valid, "log-check")).StatusCode);
        await api.GetAsync("/orders", valid);
        await api.GetAsync("/deals", expired);
        await api.GetAsync("/deals", badSignature);
        await api.GetAsync("/deals", wrongAudience);
        await api.GetAsync("/deals", "not-a-jwt");

        foreach (var token in new[] { valid, expired, badSignature, wrongAudience })
        {
            var signature = token.Split('.')[2];
            Assert.DoesNotContain(api.Logs.Lines, line => line.Contains(signature, StringComparison.Ordinal));
            Assert.DoesNotContain(api.Logs.Lines, line => line.Contains(token.Split('.')[1], StringComparison.Ordinal));
        }

        Assert.DoesNotContain(api.Logs.Lines, line => line.Contains("4242 4242", StringComparison.Ordinal) || line.Contains("4242424242424242", StringComparison.Ordinal));
        var stored = await api.Database.ReadStoredTextAsync();
        Assert.DoesNotContain(valid.Split('.')[2], stored, StringComparison.Ordinal);
        Assert.DoesNotContain(valid.Split('.')[1], stored, StringComparison.Ordinal);
        Assert.DoesNotContain("4242424242424242", stored, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task RS_28_ForgedForwardedAndClientCertificateHeaders_AreIgnored()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = new StringContent(QuoteBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Original-URL", "/deals");
        request.Headers.Add("X-Client-Cert", "MIIBforged");
        request.Headers.Add("X-SSL-Client-Verify", "SUCCESS");

        var response = await api.SendAsync(request, api.Token().Build());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("/orders/ord_", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task RS_28_CertificateBoundTokenWithForgedClientCertHeader_Gets401InvalidToken()
    {
        // A token bound to a certificate (RFC 8705 cnf) cannot be checked here, so it is refused, whatever the headers claim.
        var token = api.Token().WithClaim("cnf", new JsonObject { ["x5t#S256"] = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/deals");
        request.Headers.Add("X-Client-Cert", "MIIBforged");
        request.Headers.Add("X-ARR-ClientCert", "MIIBforged");

        var challenge = await Expect.InvalidTokenAsync(await api.SendAsync(request, token.Build()));

        Assert.Contains("cnf", challenge["error_description"], StringComparison.Ordinal);
    }
}
