using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ShoeStore.Agent.Offline;

/// <summary>Reads a tool result as JSON, whatever form the function-invoking client left it in.</summary>
internal static class ToolResultJson
{
    public static JsonElement Read(object? result)
    {
        switch (result)
        {
            case JsonElement element:
                return element;
            case string text:
                try
                {
                    using var document = JsonDocument.Parse(text);
                    return document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    return JsonSerializer.SerializeToElement(text, AIJsonUtilities.DefaultOptions);
                }

            default:
                return JsonSerializer.SerializeToElement(result, AIJsonUtilities.DefaultOptions);
        }
    }

    public static bool IsError(JsonElement result) =>
        result.ValueKind == JsonValueKind.Object && result.TryGetProperty("error", out _);

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static decimal? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDecimal(out var number)
            ? number
            : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    /// <summary>A <c>{currency, value}</c> amount for people: $140.00, or 140.00 EUR.</summary>
    public static string Money(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var money) || money.ValueKind != JsonValueKind.Object)
        {
            return "?";
        }

        var currency = String(money, "currency");
        var value = String(money, "value") ?? "?";
        return currency == "USD" ? "$" + value : $"{value} {currency}";
    }
}
