using Microsoft.Extensions.AI;

namespace Mandate.AI.Tests.Policies;

public sealed class ToolCallTests
{
    [Fact]
    public void Getters_JsonValues_AreRead()
    {
        var call = Calls.Create("t", new { productId = "nike-pegasus-41", size = 10.5m, quantity = 2, sizeText = "9.5" });

        Assert.Equal("nike-pegasus-41", call.GetString("productId"));
        Assert.Equal(10.5m, call.GetDecimal("size"));
        Assert.Equal("10.5", call.GetString("size"));
        Assert.Equal(2, call.GetInt32("quantity"));
        Assert.Equal(9.5m, call.GetDecimal("sizeText"));
    }

    [Fact]
    public void Getters_DotNetValues_AreRead()
    {
        var call = new ToolCall("t", new AIFunctionArguments { ["size"] = 10.5d, ["quantity"] = 3, ["name"] = "x" });

        Assert.Equal(10.5m, call.GetDecimal("size"));
        Assert.Equal(3, call.GetInt32("quantity"));
        Assert.Equal("x", call.GetString("name"));
    }

    [Fact]
    public void Getters_MissingOrWrongType_GiveNull()
    {
        var call = Calls.Create("t", new { size = 10.5m, word = "ten" });

        Assert.Null(call.GetString("missing"));
        Assert.Null(call.GetInt32("size"));
        Assert.Null(call.GetDecimal("word"));
    }
}
