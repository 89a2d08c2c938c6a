using Mandate.Server.Ciba;

namespace Mandate.Server.Tests.Ciba;

public sealed class AuthReqIdTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DeviceId_IsLowercaseHex_OfSixTimeBytesAndSixteenRandomOnes()
    {
        var id = AuthReqId.GenerateDeviceId(Now);

        Assert.Matches("^[0-9a-f]{44}$", id);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), Convert.ToInt64(id[..12], 16));
    }

    [Fact]
    public void DeviceIds_AtTheSameMillisecond_Differ()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => AuthReqId.GenerateDeviceId(Now)).ToHashSet();

        Assert.Equal(1000, ids.Count);
    }

    [Fact]
    public void DeviceIds_MadeLater_SortAfterEarlierOnes()
    {
        var ids = Enumerable.Range(0, 200).Select(i => AuthReqId.GenerateDeviceId(Now.AddMilliseconds(i))).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void DeviceId_IsNotTheAuthReqId_OrItsHash()
    {
        var authReqId = AuthReqId.Generate(Now);
        var deviceId = AuthReqId.GenerateDeviceId(Now);

        Assert.NotEqual(authReqId, deviceId);
        Assert.NotEqual(AuthReqId.Hash(authReqId), deviceId);
    }

    [Fact]
    public void AuthReqId_IsATimePrefix_ThenAtLeast256RandomBitsInBase64Url()
    {
        var id = AuthReqId.Generate(Now);

        Assert.Matches("^[0-9a-f]{12}[A-Za-z0-9_-]{43}$", id);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), Convert.ToInt64(id[..12], 16));
        Assert.True(AuthReqId.IsWellFormed(id));
        Assert.False(AuthReqId.IsWellFormed("has space"));
        Assert.NotEqual(id, AuthReqId.Generate(Now));
    }

    [Fact]
    public void Hash_KeepsTheTimePrefix_SoStoredFormsSortByCreation()
    {
        var hashes = Enumerable.Range(0, 200).Select(i => AuthReqId.Hash(AuthReqId.Generate(Now.AddMilliseconds(i)))).ToList();

        Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{12}[A-Za-z0-9_-]{43}$", h));
        Assert.Equal(hashes.Order(StringComparer.Ordinal), hashes);
    }

    [Fact]
    public void Hash_DoesNotContainTheRandomPart_AndDiffersForEveryId()
    {
        var id = AuthReqId.Generate(Now);
        var hash = AuthReqId.Hash(id);

        Assert.DoesNotContain(id[12..], hash, StringComparison.Ordinal);
        Assert.Equal(hash, AuthReqId.Hash(id));
        Assert.NotEqual(hash, AuthReqId.Hash(AuthReqId.Generate(Now)));
    }

    [Fact]
    public void Hash_OfAnIdIssuedBeforeTheTimePrefix_IsItsPlainSha256()
    {
        // 256 random bits in base64url, as identifiers were issued before: their stored rows are still found.
        var legacy = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var expected = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(legacy)));

        Assert.Equal(expected, AuthReqId.Hash(legacy));
    }

    [Fact]
    public void Hash_OfAValueWhosePrefixIsNotLowercaseHex_IsItsPlainSha256()
    {
        var value = "ABCDEFGHIJKL" + new string('a', 43);
        var expected = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));

        Assert.Equal(expected, AuthReqId.Hash(value));
    }
}
