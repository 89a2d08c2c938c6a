// The floor for bench/floor.sh: the least work a bc-authorize server can do per request — read the form, check the
// request object's ES256 signature (RFC 7515 §5.2) with the client's public key — plus FLOOR_BURN_US microseconds of
// busy CPU that stand for everything else a real server does (client authentication, the claims checks, a durable
// write). It answers every POST with 200 {auth_req_id, expires_in, interval} (CIBA §7.3), or 400 when the signature
// does not verify. No logging, nothing stored. Not a server to use: a yardstick for what this machine's load allows.
//   FLOOR_JWK='{"kty":"EC","crv":"P-256","x":"…","y":"…"}' FLOOR_BURN_US=100 dotnet Mandate.BenchFloor.dll --urls URL
using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

var jwk = JsonDocument.Parse(Environment.GetEnvironmentVariable("FLOOR_JWK") ?? throw new InvalidOperationException("FLOOR_JWK is required")).RootElement;
using var key = ECDsa.Create(new ECParameters
{
    Curve = ECCurve.NamedCurves.nistP256,
    Q = new ECPoint
    {
        X = Base64Url.DecodeFromChars(jwk.GetProperty("x").GetString()),
        Y = Base64Url.DecodeFromChars(jwk.GetProperty("y").GetString()),
    },
});
var burnTicks = Stopwatch.Frequency * int.Parse(Environment.GetEnvironmentVariable("FLOOR_BURN_US") ?? "0", System.Globalization.CultureInfo.InvariantCulture) / 1_000_000;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapPost("/{**path}", async (HttpContext http) =>
{
    var form = await http.Request.ReadFormAsync();
    var jws = form["request"].ToString();
    var lastDot = jws.LastIndexOf('.');
    if (lastDot < 0 || !key.VerifyData(Encoding.ASCII.GetBytes(jws, 0, lastDot), Base64Url.DecodeFromChars(jws.AsSpan(lastDot + 1)), HashAlgorithmName.SHA256))
    {
        return Results.BadRequest(new { error = "invalid_request" });
    }

    var start = Stopwatch.GetTimestamp();
    while (Stopwatch.GetTimestamp() - start < burnTicks)
    {
        // busy: the CPU a real server spends on the rest of the request
    }

    return Results.Json(new { auth_req_id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), expires_in = 300, interval = 5 });
});
app.Run();
