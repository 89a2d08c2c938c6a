using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Mandate.AI.Tests.Fakes;

/// <summary>Builds tool calls with arguments as a model client delivers them (JSON values).</summary>
internal static class Calls
{
    public static ToolCall Create(string name, object? arguments = null) => new(name, Arguments(arguments));

    public static AIFunctionArguments Arguments(object? arguments = null)
    {
        var values = new AIFunctionArguments();
        if (arguments is null)
        {
            return values;
        }

        foreach (var property in JsonSerializer.SerializeToElement(arguments).EnumerateObject())
        {
            values[property.Name] = property.Value.Clone();
        }

        return values;
    }

    public static JsonElement Detail(string productId, decimal size, string maxAmount) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["type"] = "shoe_purchase",
            ["product_id"] = productId,
            ["size"] = size,
            ["quantity"] = 1,
            ["max_amount"] = new Dictionary<string, string> { ["currency"] = "USD", ["value"] = maxAmount },
        });
}
