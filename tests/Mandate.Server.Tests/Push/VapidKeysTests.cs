using System.Buffers.Text;
using System.Security.Cryptography;
using Mandate.Server.Data;
using Mandate.Server.Push;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Tests.Push;

/// <summary>The VAPID key pair (RFC 8292 §3.2) and <c>GET /device/api/push/vapid-public-key</c>.</summary>
public sealed class VapidKeysTests
{
    [Fact]
    public async Task PublicKeyEndpoint_NeedsNoSession_AndReturnsAnUncompressedP256PointMatchingTheStoredPrivateKey()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);

        var response = await server.Client.GetAsync("/device/api/push/vapid-public-key");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["public_key"], body.EnumerateObject().Select(p => p.Name));
        var point = Base64Url.DecodeFromChars(body.GetProperty("public_key").GetString());
        Assert.Equal(65, point.Length);
        Assert.Equal(0x04, point[0]);

        // The stored private key signs what the published public key verifies.
        var pair = await server.Services.GetRequiredService<VapidKeys>().GetAsync(CancellationToken.None);
        using var signer = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Base64Url.DecodeFromChars(pair.PrivateKey),
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
        using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        var data = "vapid"u8.ToArray();
        Assert.True(verifier.VerifyData(data, signer.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
        Assert.DoesNotContain(pair.PrivateKey, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(pair.PrivateKey, pair.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyPair_IsMadeOnce_StoredOnce_AndTheSameAfterARestart()
    {
        var seed = new TestSeed();
        var directory = Directory.CreateTempSubdirectory("mandate-vapid-").FullName;
        try
        {
            string first;
            await using (var server = await MandateTestServer.StartAsync(seed, directory))
            {
                var keys = server.Services.GetRequiredService<VapidKeys>();
                var both = await Task.WhenAll(keys.GetAsync(CancellationToken.None), keys.GetAsync(CancellationToken.None));
                Assert.Equal(both[0], both[1]);
                first = both[0].PublicKey;
                using var scope = server.Services.CreateScope();
                Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<MandateDbContext>().ServerKeys.CountAsync(k => k.Use == VapidKeys.Use));
            }

            await using (var restarted = await MandateTestServer.StartAsync(seed, directory))
            {
                Assert.Equal(first, (await restarted.Services.GetRequiredService<VapidKeys>().GetAsync(CancellationToken.None)).PublicKey);
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
