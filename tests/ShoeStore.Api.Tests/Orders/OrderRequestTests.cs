using Microsoft.AspNetCore.Http;
using ShoeStore.Api.Orders;

namespace ShoeStore.Api.Tests.Orders;

public sealed class OrderRequestTests
{
    [Fact]
    public void Fingerprint_IsTheSameForTheSameMeaning()
    {
        Assert.Equal(
            new OrderRequest(null, "nike-pegasus-41", 10.5m, 1).Fingerprint(),
            new OrderRequest(null, "nike-pegasus-41", 10.50m, 1).Fingerprint());
    }

    [Fact]
    public void Fingerprint_DiffersForAnotherQuantityOrQuote()
    {
        var one = new OrderRequest(null, "nike-pegasus-41", 10.5m, 1).Fingerprint();

        Assert.NotEqual(one, new OrderRequest(null, "nike-pegasus-41", 10.5m, 2).Fingerprint());
        Assert.NotEqual(one, new OrderRequest("q_1", null, null, null).Fingerprint());
    }

    [Fact]
    public void Validate_QuoteAndItemTogether_NamesQuoteId()
    {
        Assert.True(new OrderRequest("q_1", "nike-pegasus-41", null, null).Validate().ContainsKey("quoteId"));
    }

    [Fact]
    public void Validate_QuoteOnly_IsValid()
    {
        Assert.Empty(new OrderRequest("q_1", null, null, null).Validate());
    }

    [Theory]
    [InlineData("3f2b9c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e", "3f2b9c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e")]
    [InlineData("\"quoted-key\"", "quoted-key")]
    public void IdempotencyKey_ReadsBareOrQuotedKeys(string header, string key)
    {
        var headers = new HeaderDictionary { ["Idempotency-Key"] = header };

        Assert.Equal((key, null), IdempotencyKey.Read(headers));
    }

    [Fact]
    public void IdempotencyKey_Absent_IsNoKeyAndNoError()
    {
        Assert.Equal((null, null), IdempotencyKey.Read(new HeaderDictionary()));
    }

    [Fact]
    public void IdempotencyKey_TwoHeaders_IsAnError()
    {
        var headers = new HeaderDictionary { ["Idempotency-Key"] = new(["a", "b"]) };

        Assert.NotNull(IdempotencyKey.Read(headers).Error);
    }
}
