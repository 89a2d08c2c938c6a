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
        var authReqId = AuthReqId.Generate();
        var deviceId = AuthReqId.GenerateDeviceId(Now);

        Assert.NotEqual(authReqId, deviceId);
        Assert.NotEqual(AuthReqId.Hash(authReqId), deviceId);
    }
}
