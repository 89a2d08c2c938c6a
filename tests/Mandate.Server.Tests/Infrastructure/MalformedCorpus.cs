using System.Text;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>
/// A deterministic corpus of malformed requests (a seeded <see cref="Random"/>): form bodies with NUL and other
/// control characters in keys and values, invalid percent-encoding, invalid and overlong UTF-8, repeated parameters,
/// odd separators, raw bytes, JSON where a form is expected, wrong and unparseable content types, empty bodies, and
/// the methods an endpoint does not take.
/// </summary>
public static class MalformedCorpus
{
    private static readonly string[] Keys =
    [
        "grant_type", "scope", "client_id", "client_secret", "auth_req_id", "token", "token_type_hint", "access_token",
        "request", "login_hint", "binding_message", "client_assertion", "client_assertion_type", "resource",
        "%00", "a%00b", "\0", "%", "%ZZ", "%C0%80", "%FF", "\u00ff", "x\u0001y", "", "%3D%26", "+",
    ];

    private static readonly string[] Values =
    [
        "client_credentials", "urn:openid:params:grant-type:ciba", "openid payment", "end.user", "prices",
        "%00", "\0", "%", "%Z", "%G0", "%zz", "%C0%80", "%ED%A0%80", "%F4%90%80%80", "%FF%FE", "%E2%80%AE", "%01%1F%7F",
        "%0D%0A", "\r\n", "+", "%2B", "==", "a=b=c", "\ud83d\ude00", "{\"a\":", "[[[[", "' OR 1=1 --", "..%2F..%2F", "",
        "eyJhbGciOiJub25lIn0.e30.", "!!!.???.###",
    ];

    private static readonly string?[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
        "application/x-www-form-urlencoded; charset=foo", "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=\"", "application/x-www-form-urlencodedx", "APPLICATION/X-WWW-FORM-URLENCODED",
        "application/json", "application/json; charset=foo", "application/json; charset=\"", "text/plain", "multipart/form-data",
        "multipart/form-data; boundary=x", "*/*", ";;;", "application/octet-stream", null,
    ];

    private static readonly string[] Queries =
    [
        "?access_token=%00", "?token=%00&token=a", "?%00=%00", "?a=%ZZ", "?access_token=%FF", "?auth_req_id=%C0%80",
        "?grant_type=client_credentials&grant_type=client_credentials", "?%", "?&&==&&",
    ];

    private static readonly string[] Methods = ["POST", "POST", "POST", "POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH"];

    /// <summary>
    /// <paramref name="count"/> requests spread over <paramref name="paths"/>, the same for the same
    /// <paramref name="seed"/>. Bodies stay small (under a few KiB); the limit cases are separate tests.
    /// </summary>
    public static IReadOnlyList<MalformedCase> Generate(int seed, int count, IReadOnlyList<string> paths)
    {
        var random = new Random(seed);
        var cases = new List<MalformedCase>(count);
        for (var i = 0; i < count; i++)
        {
            var path = paths[i % paths.Count];
            var contentType = ContentTypes[random.Next(ContentTypes.Length)];
            var (shape, body) = random.Next(10) switch
            {
                < 6 => ("form", Form(random)),
                6 => ("raw bytes", RawBytes(random)),
                7 => ("json", Encoding.UTF8.GetBytes(Json(random))),
                8 => ("separators", Encoding.UTF8.GetBytes(Separators(random))),
                _ => ("empty", Array.Empty<byte>()),
            };
            var method = Methods[random.Next(Methods.Length)];
            var query = random.Next(8) == 0 ? Queries[random.Next(Queries.Length)] : "";
            cases.Add(new MalformedCase($"#{i} {method} {path} {shape} ({contentType ?? "no content type"})",
                method, path + query, contentType, body, random.Next(2) == 0));
        }

        return cases;
    }

    /// <summary>1–6 pairs from the lists above, sometimes a repeated parameter, raw or as a few odd bytes.</summary>
    private static byte[] Form(Random random)
    {
        var pairs = new List<string>();
        for (var n = random.Next(1, 7); n > 0; n--)
        {
            pairs.Add(Keys[random.Next(Keys.Length)] + "=" + Values[random.Next(Values.Length)]);
        }

        if (random.Next(4) == 0)
        {
            pairs.Add(pairs[random.Next(pairs.Count)]);
        }

        var text = string.Join('&', pairs);
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
        if (random.Next(5) == 0)
        {
            // Invalid UTF-8 inside the body itself: a lone continuation byte, an overlong NUL, a truncated sequence.
            byte[][] invalid = [[0x80], [0xC0, 0x80], [0xE2, 0x82], [0xFF], [0xED, 0xA0, 0x80]];
            bytes.InsertRange(random.Next(bytes.Count + 1), invalid[random.Next(invalid.Length)]);
        }

        return [.. bytes];
    }

    private static byte[] RawBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 65)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Json(Random random) => random.Next(6) switch
    {
        0 => "{\"grant_type\":\"client_credentials\"}",
        1 => "{\"username\":\"end.user\",\"password\":\"\\u0000\"}",
        2 => "{\"username\":5,\"password\":[]}",
        3 => new string('[', 200) + new string(']', 200),
        4 => "{\"a\":\"\ud800\"}",
        _ => "{",
    };

    private static string Separators(Random random) => random.Next(6) switch
    {
        0 => "&&&&",
        1 => "====",
        2 => "grant_type",
        3 => "&grant_type=&=&",
        4 => "grant_type=client_credentials&&scope",
        _ => "%",
    };
}
