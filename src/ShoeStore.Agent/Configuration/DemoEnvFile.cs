using System.Text;
using System.Text.RegularExpressions;

namespace ShoeStore.Agent.Configuration;

/// <summary>
/// Reads <c>.mandate/demo.env</c>, the file the demo seed writes: <c>KEY=value</c> lines, values optionally in single
/// quotes (taken verbatim, e.g. a JWK as JSON) or double quotes (with <c>\"</c>, <c>\\</c> and <c>\n</c> escapes);
/// blank lines and <c>#</c> comments are skipped, an <c>export </c> prefix is allowed. Keys become configuration keys
/// as environment variables do (<c>Agent__LoginHint</c> → <c>Agent:LoginHint</c>).
/// </summary>
internal static partial class DemoEnvFile
{
    /// <summary>The file's name inside the data directory.</summary>
    public const string FileName = "demo.env";

    /// <summary>Parses the file's text; lines that are not <c>KEY=value</c> are skipped.</summary>
    public static Dictionary<string, string?> Parse(string text)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !KeyPattern().IsMatch(line[..equals].Trim()))
            {
                continue;
            }

            var key = line[..equals].Trim().Replace("__", ":", StringComparison.Ordinal);
            values[key] = Unquote(line[(equals + 1)..].Trim());
        }

        return values;
    }

    /// <summary>Reads the file when it exists; otherwise an empty set.</summary>
    public static Dictionary<string, string?> ReadIfExists(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path, Encoding.UTF8)) : new Dictionary<string, string?>();

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1];
        }

        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            var inner = value[1..^1];
            var text = new StringBuilder(inner.Length);
            for (var i = 0; i < inner.Length; i++)
            {
                if (inner[i] == '\\' && i + 1 < inner.Length)
                {
                    i++;
                    text.Append(inner[i] switch { 'n' => '\n', 't' => '\t', var c => c });
                }
                else
                {
                    text.Append(inner[i]);
                }
            }

            return text.ToString();
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
