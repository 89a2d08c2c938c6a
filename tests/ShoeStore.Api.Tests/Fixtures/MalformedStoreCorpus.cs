using System.Text;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>
/// A deterministic corpus of malformed requests to the store (a seeded <see cref="Random"/>): JSON that is truncated,
/// nested deep, of the wrong types, with NUL, lone surrogates, invalid UTF-8 or repeated members; forms with NUL and
/// invalid percent-encoding; raw bytes; wrong and unparseable content types; empty bodies; odd queries, ids and
/// Idempotency-Keys; methods an endpoint does not take.
/// </summary>
public static class MalformedStoreCorpus
{
    private static readonly string[] Paths =
    [
        "/quotes", "/quotes", "/orders", "/orders", "/products", "/deals", "/orders/x", "/quotes/%00", "/orders/%FF%FE",
    ];

    private static readonly string[] Queries =
    [
        "", "", "", "?query=%00", "?size=abc", "?size=1e400", "?size=-1", "?size=NaN", "?size=10.5&size=11", "?%00=1",
        "?query=%C0%80", "?query=" + new string('q', 5000), "?access_token=a", "?size=%FF",
    ];

    private static readonly string[] Json =
    [
        "", "{", "}", "null", "[]", "\"text\"", "{\"productId\":\"nike-pegasus-41\",\"size\":10.5,\"quantity\":1,}",
        "{\"productId\":\"\\u0000\",\"size\":10.5,\"quantity\":1}", "{\"productId\":\"\\ud800\",\"size\":10.5,\"quantity\":1}",
        "{\"productId\":\"nike-pegasus-41\",\"productId\":\"x\",\"size\":10.5,\"quantity\":1}",
        "{\"productId\":\"nike-pegasus-41\",\"size\":1e999,\"quantity\":1}", "{\"productId\":\"nike-pegasus-41\",\"size\":10.5,\"quantity\":99999999999}",
        "{\"productId\":[],\"size\":\"10.5\",\"quantity\":true}", "{\"quoteId\":\"' OR 1=1 --\"}", "{\"quoteId\":{\"$ne\":null}}",
        new string('[', 3000) + new string(']', 3000), "{\"a\":" + new string('{', 70) + new string('}', 70) + "}",
    ];

    private static readonly string[] Forms =
    [
        "access_token=%00", "access_token=a&access_token=b", "productId=%00&size=10.5", "%00=%00", "a=%ZZ", "k=%C0%80",
    ];

    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json", "application/json; charset=utf-8", "application/json; charset=foo",
        "application/json; charset=\"", "application/jsonx", "application/problem+json", "text/json", "text/plain",
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=\"", "multipart/form-data",
        "multipart/form-data; boundary=x", ";;;", null,
    ];

    private static readonly string[] IdempotencyKeys = ["", " ", "%00", new string('k', 300), "%FF%FE", "a,b", "key-1"];

    private static readonly string[] Methods = ["POST", "POST", "POST", "POST", "GET", "GET", "PUT", "DELETE", "PATCH"];

    /// <summary><paramref name="count"/> requests, the same for the same <paramref name="seed"/>; bodies stay under 16 KiB.</summary>
    public static IReadOnlyList<MalformedStoreCase> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var cases = new List<MalformedStoreCase>(count);
        for (var i = 0; i < count; i++)
        {
            var path = Paths[random.Next(Paths.Length)] + Queries[random.Next(Queries.Length)];
            var method = Methods[random.Next(Methods.Length)];
            var contentType = ContentTypes[random.Next(ContentTypes.Length)];
            var (shape, body) = random.Next(10) switch
            {
                < 6 => ("json", Encoding.UTF8.GetBytes(Json[random.Next(Json.Length)])),
                6 => ("form", Encoding.UTF8.GetBytes(Forms[random.Next(Forms.Length)])),
                7 => ("invalid utf-8", [.. "{\"productId\":\""u8.ToArray(), 0xFF, 0xC0, 0x80, .. "\",\"size\":10.5,\"quantity\":1}"u8.ToArray()]),
                8 => ("raw bytes", RawBytes(random)),
                _ => ("empty", Array.Empty<byte>()),
            };
            var key = random.Next(3) == 0 ? IdempotencyKeys[random.Next(IdempotencyKeys.Length)] : null;
            cases.Add(new MalformedStoreCase($"#{i} {method} {path[..Math.Min(path.Length, 60)]} {shape} ({contentType ?? "no content type"})",
                method, path, contentType, body, key, random.Next(5) < 3));
        }

        return cases;
    }

    private static byte[] RawBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 65)];
        random.NextBytes(bytes);
        return bytes;
    }
}
