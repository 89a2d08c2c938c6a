using System.Net;
using System.Text;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Problems;

/// <summary>Bad input anywhere gets an RFC 9457 problem with a 4xx status, never a 5xx.</summary>
public abstract class BadInputTests(StoreApiFactory api)
{
    public sealed class OnSqlite(SqliteStoreApiFactory api) : BadInputTests(api), IClassFixture<SqliteStoreApiFactory>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlStoreApiFactory api) : BadInputTests(api), IClassFixture<PostgreSqlStoreApiFactory>;

    public static TheoryData<string> MalformedBodies => new()
    {
        "",
        "not json",
        "{",
        "null",
        "[]",
        "[{\"productId\":\"nike-pegasus-41\"}]",
        "\"a string\"",
        "{\"productId\":\"nike-pegasus-41\",\"size\":10.5,\"quantity\":1,}",
        "{\"productId\":\"\\ud800\",\"size\":10.5,\"quantity\":1}",
        "{\"productId\":{\"$ne\":null},\"size\":10.5,\"quantity\":1}",
        "{\"size\":1e999,\"productId\":\"nike-pegasus-41\",\"quantity\":1}",
        "{\"quoteId\":\"' OR 1=1 --\"}",
        "{\"quoteId\":null,\"productId\":null}",
        new string('[', 5000) + new string(']', 5000),
        "{\"a\":" + new string('{', 100) + new string('}', 100) + "}",
    };

    [DatabaseTheory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedBody_AtQuotesAndOrders_Gets4xxProblem(string body)
    {
        foreach (var path in new[] { "/quotes", "/orders" })
        {
            var response = await api.PostJsonAsync(path, body, api.Token().Build());

            Assert.InRange((int)response.StatusCode, 400, 499);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [DatabaseFact]
    public async Task BodyOverTheLimit_Gets413Problem()
    {
        var body = "{\"productId\":\"" + new string('a', 20_000) + "\",\"size\":10.5,\"quantity\":1}";

        await Expect.ProblemAsync(await api.PostJsonAsync("/orders", body, api.Token().Build()), 413);
    }

    [DatabaseFact]
    public async Task NonJsonContentType_Gets415Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/quotes")
        {
            Content = new StringContent("productId=nike-pegasus-41", Encoding.UTF8, "text/plain"),
        };

        await Expect.ProblemAsync(await api.SendAsync(request, api.Token().Build()), 415);
    }

    [DatabaseFact]
    public async Task UnknownRoute_Gets404Problem()
    {
        await Expect.ProblemAsync(await api.GetAsync("/admin"), 404);
    }

    [DatabaseFact]
    public async Task WrongMethod_Gets405Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/products");

        await Expect.ProblemAsync(await api.SendAsync(request, token: null), 405);
    }

    [DatabaseTheory]
    [InlineData("/orders/%25%27%20OR%201%3D1")]
    [InlineData("/orders/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/quotes/" + "x")]
    public async Task OddIds_Get404Problem(string path)
    {
        await Expect.ProblemAsync(await api.GetAsync(path, api.Token().Build()), 404);
    }
}
