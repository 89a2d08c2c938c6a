using System.Text.Json;

namespace Mandate.AI.Functions;

/// <summary>A tool's result as text: to look for a credential in it, and to keep it (JSON).</summary>
internal static class ToolResultText
{
    /// <summary>Whether <paramref name="result"/>, as the model would read it, contains <paramref name="secret"/>.</summary>
    public static bool Contains(object? result, string secret, JsonSerializerOptions options) =>
        Text(result, options) is { } text && text.Contains(secret, StringComparison.Ordinal);

    /// <summary>The result as JSON: a JSON value as is, a string as a JSON string, anything else serialized.</summary>
    public static JsonElement ToJson(object? result, JsonSerializerOptions options) => result switch
    {
        JsonElement element => element.Clone(),
        null => JsonSerializer.SerializeToElement<string?>(null, options),
        _ => SerializeOrText(result, options),
    };

    private static JsonElement SerializeOrText(object result, JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.SerializeToElement(result, options.GetTypeInfo(result.GetType()));
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or JsonException)
        {
            return JsonSerializer.SerializeToElement(result.ToString(), options.GetTypeInfo(typeof(string)));
        }
    }

    private static string? Text(object? result, JsonSerializerOptions options)
    {
        try
        {
            return result switch
            {
                null => null,
                string value => value,
                JsonElement element => element.GetRawText(),
                _ => JsonSerializer.Serialize(result, options.GetTypeInfo(result.GetType())),
            };
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or JsonException)
        {
            return result?.ToString();
        }
    }
}
