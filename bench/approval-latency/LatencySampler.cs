using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mandate.Client.Ciba;
using Mandate.Client.Tokens;

namespace Mandate.ApprovalLatency;

/// <summary>
/// One sample: the agent starts a CIBA request, the device finds it, waits a random think time, approves; the latency
/// runs from the moment the approve call's answer has been read to the moment the agent's client holds the token.
/// (It can be slightly negative when the server's ping reaches the agent and the token comes back before the approve
/// answer does.)
/// </summary>
internal sealed class LatencySampler(DeviceApi device, TimeSpan flowLimit)
{
    public async Task<(TimeSpan Latency, TokenResponse Token)> MeasureAsync(ICibaClient ciba, string bindingMessage, int thinkMaxMilliseconds,
        CancellationToken cancellationToken)
    {
        var request = new BackchannelAuthenticationRequest
        {
            LoginHint = BenchIdentities.UserName,
            Scopes = ["payment"],
            BindingMessage = bindingMessage,
        };
        var flow = Task.Run(async () =>
        {
            var token = await ciba.AuthenticateAsync(request, progress: null, cancellationToken);
            return (Token: token, HeldAt: Stopwatch.GetTimestamp());
        }, cancellationToken);

        var find = device.FindPendingAsync(bindingMessage, TimeSpan.FromSeconds(15));
        if (await Task.WhenAny(find, flow) == flow)
        {
            await flow; // it ended (failed) before the device saw the request: rethrow its error
            throw new InvalidOperationException("the CIBA flow ended before the request was approved");
        }

        var id = await find;
        if (thinkMaxMilliseconds > 0)
        {
            await Task.Delay(RandomNumberGenerator.GetInt32(thinkMaxMilliseconds), cancellationToken);
        }

        await device.ApproveAsync(id);
        var approvedAt = Stopwatch.GetTimestamp();
        var (token, heldAt) = await flow.WaitAsync(flowLimit, cancellationToken);
        return (Stopwatch.GetElapsedTime(approvedAt, heldAt), token);
    }

    /// <summary>Checks the token is the person's, obtained by this agent (contract: <c>sub</c> the user, <c>act.sub</c> the client).</summary>
    public static string Describe(TokenResponse token, string clientId)
    {
        var parts = token.AccessToken.Split('.');
        if (parts.Length != 3)
        {
            return "access token is not a JWT";
        }

        using var payload = JsonDocument.Parse(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])));
        var root = payload.RootElement;
        var sub = root.TryGetProperty("sub", out var s) ? s.GetString() : null;
        var act = root.TryGetProperty("act", out var a) && a.TryGetProperty("sub", out var actSub) ? actSub.GetString() : null;
        var scope = root.TryGetProperty("scope", out var sc) ? sc.GetString() : null;
        var ok = sub == BenchIdentities.UserSubject && act == clientId;
        return $"{(ok ? "ok" : "UNEXPECTED")}: sub is {(sub == BenchIdentities.UserSubject ? "the user" : "not the user")}, " +
            $"act.sub is {(act == clientId ? "the agent" : "not the agent")}, scope \"{scope}\"";
    }
}
