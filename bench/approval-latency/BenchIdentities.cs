using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mandate.ApprovalLatency;

/// <summary>
/// The clients and the user of one run, generated fresh (secrets, ES256 keys, password), and the server's seed file
/// (docs/server.md "Seed file") that registers them. Nothing is reused between runs or written outside the run folder.
/// </summary>
internal sealed class BenchIdentities
{
    public const string PollClientId = "ai-agent";
    public const string PingClientId = "ai-agent-ping";
    public const string UserName = "end.user";
    public const string UserSubject = "7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17";

    public string PollSecret { get; } = NewSecret();
    public string PingSecret { get; } = NewSecret();
    public string PollJwk { get; } = NewPrivateJwk("poll-1");
    public string PingJwk { get; } = NewPrivateJwk("ping-1");
    public string UserPassword { get; } = NewSecret();

    /// <summary>Writes the seed (mode 0600): scopes openid and payment, the user, a poll client and a ping client.</summary>
    public void WriteSeed(string path, Uri pingNotificationEndpoint)
    {
        var seed = new JsonObject
        {
            ["scopes"] = new JsonArray(
                new JsonObject { ["name"] = "openid", ["description"] = "Confirm to the app that it is you" },
                new JsonObject
                {
                    ["name"] = "payment", ["description"] = "Place an order and pay with your saved payment method",
                    ["resource"] = "shoestore-api", ["access_token_lifetime"] = 300,
                }),
            ["users"] = new JsonArray(new JsonObject
            {
                ["subject"] = UserSubject, ["username"] = UserName, ["password"] = UserPassword,
                ["name"] = "End User", ["email"] = "end.user@example.com", ["enabled"] = true,
            }),
            ["clients"] = new JsonArray(
                Client(PollClientId, PollSecret, PollJwk, "poll", null),
                Client(PingClientId, PingSecret, PingJwk, "ping", pingNotificationEndpoint.AbsoluteUri)),
        };
        File.WriteAllText(path, seed.ToJsonString(), System.Text.Encoding.UTF8);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static JsonObject Client(string id, string secret, string privateJwk, string mode, string? endpoint)
    {
        var publicJwk = JsonNode.Parse(privateJwk)!.AsObject();
        publicJwk.Remove("d");
        return new JsonObject
        {
            ["client_id"] = id,
            ["display_name"] = "Latency bench " + mode,
            ["client_secret"] = secret,
            ["jwks"] = new JsonObject { ["keys"] = new JsonArray(publicJwk) },
            ["grant_types"] = new JsonArray("urn:openid:params:grant-type:ciba"),
            ["scopes"] = new JsonArray("openid", "payment"),
            ["backchannel_token_delivery_mode"] = mode,
            ["backchannel_client_notification_endpoint"] = endpoint,
            ["backchannel_authentication_request_signing_alg"] = "ES256",
            ["backchannel_user_code_parameter"] = false,
        };
    }

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string NewPrivateJwk(string kid)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        return JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = kid, ["alg"] = "ES256", ["use"] = "sig",
            ["x"] = Base64Url.EncodeToString(p.Q.X), ["y"] = Base64Url.EncodeToString(p.Q.Y), ["d"] = Base64Url.EncodeToString(p.D),
        });
    }
}
