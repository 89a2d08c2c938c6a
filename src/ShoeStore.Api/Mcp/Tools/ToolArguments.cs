using System.Globalization;
using System.Text.Json;

namespace ShoeStore.Api.Mcp.Tools;

/// <summary>
/// Reads a tool call's <c>arguments</c> by name and type, collecting one message per field that is of the wrong
/// type or not in the tool's schema, like the REST API's validation <c>errors</c>.
/// </summary>
internal sealed class ToolArguments(IDictionary<string, JsonElement>? arguments)
{
    private readonly IDictionary<string, JsonElement> _arguments = arguments ?? new Dictionary<string, JsonElement>();

    /// <summary>Field → messages, for the fields read so far and for unknown ones (after <see cref="RejectOthers"/>).</summary>
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public string? String(string name)
    {
        if (!Present(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        Errors[name] = ["Must be a string."];
        return null;
    }

    /// <summary>A number, or a decimal string such as <c>"10.5"</c> (sizes are written both ways).</summary>
    public decimal? Decimal(string name)
    {
        if (!Present(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String &&
            decimal.TryParse(value.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        Errors[name] = ["Must be a number, e.g. 10.5."];
        return null;
    }

    public int? Integer(string name)
    {
        if (!Present(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        Errors[name] = ["Must be a whole number."];
        return null;
    }

    /// <summary>Adds an error for every argument not named in <paramref name="known"/>.</summary>
    public void RejectOthers(params string[] known)
    {
        foreach (var name in _arguments.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)))
        {
            Errors[name.Length > 64 ? name[..64] : name] = ["Not an argument of this tool."];
        }
    }

    private bool Present(string name, out JsonElement value) =>
        _arguments.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;
}
