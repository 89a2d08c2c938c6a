using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Mandate.AI.Policies;

/// <summary>
/// A tool call being authorized: the tool's name and the arguments the model chose. Policy builders (binding
/// message, authorization details, user) read the arguments through the typed helpers, which accept the values
/// as a model client delivers them (<see cref="JsonElement"/>) or as .NET values.
/// </summary>
public sealed class ToolCall
{
    /// <summary>Creates the call.</summary>
    /// <param name="name">The tool's name.</param>
    /// <param name="arguments">The arguments.</param>
    public ToolCall(string name, AIFunctionArguments arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(arguments);
        Name = name;
        Arguments = arguments;
    }

    /// <summary>The tool's name.</summary>
    public string Name { get; }

    /// <summary>The arguments the model chose (untrusted input). <see cref="AIFunctionArguments.Services"/> is the host's services, if any.</summary>
    public AIFunctionArguments Arguments { get; }

    /// <summary>An argument as text: a string as is, a number or boolean in invariant form; null when absent or JSON null.</summary>
    /// <param name="name">The argument's name.</param>
    /// <returns>The text, or null.</returns>
    public string? GetString(string name)
    {
        if (!Arguments.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            JsonElement element => element.GetRawText(),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    /// <summary>An argument as a decimal number (a JSON number or a numeric string); null when absent or not a number.</summary>
    /// <param name="name">The argument's name.</param>
    /// <returns>The number, or null.</returns>
    public decimal? GetDecimal(string name)
    {
        if (!Arguments.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            decimal number => number,
            double or float or int or long or short or byte => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
            JsonElement { ValueKind: JsonValueKind.Number } element when element.TryGetDecimal(out var number) => number,
            _ => decimal.TryParse(GetString(name), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        };
    }

    /// <summary>An argument as an integer; null when absent or not a whole number.</summary>
    /// <param name="name">The argument's name.</param>
    /// <returns>The integer, or null.</returns>
    public int? GetInt32(string name) =>
        GetDecimal(name) is { } number && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : null;
}
