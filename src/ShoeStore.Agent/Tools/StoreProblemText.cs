using System.Text;
using ShoeStore.Agent.Store;
using ShoeStore.Agent.Tools.Results;

namespace ShoeStore.Agent.Tools;

/// <summary>Turns a store refusal into a short, polite <see cref="ToolError"/> the model (or the offline planner) can pass on.</summary>
internal static class StoreProblemText
{
    private const int MaxLength = 300;

    public static ToolError Describe(StoreProblem problem)
    {
        var code = Code(problem);
        var message = problem.Status switch
        {
            0 => "The store cannot be reached right now. Please try again in a moment.",
            401 => $"The store did not accept the assistant's credentials ({problem.BearerError ?? "unauthorized"}).",
            403 when problem.Detail is null => $"The store refused: this approval does not cover the request ({problem.BearerError ?? "forbidden"}).",
            _ => Sentence(problem),
        };
        return new ToolError(code, Clean(message));
    }

    private static string Sentence(StoreProblem problem)
    {
        var text = new StringBuilder();
        text.Append(problem.Detail ?? problem.Title ?? $"The store answered HTTP {problem.Status}.");
        if (problem.Errors is { Count: > 0 } errors)
        {
            foreach (var (field, messages) in errors)
            {
                text.Append(' ').Append(field).Append(": ").Append(string.Join(' ', messages));
            }
        }

        return "The store could not do that: " + text;
    }

    /// <summary>The problem type's last segment (<c>out-of-stock</c> → <c>out_of_stock</c>), else the bearer error or the status.</summary>
    private static string Code(StoreProblem problem)
    {
        if (problem.Status == 0)
        {
            return "store_unavailable";
        }

        if (problem.Type is { } type && type.TrimEnd('/').Split('/')[^1] is { Length: > 0 } last && last.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return last.Replace('-', '_');
        }

        return problem.BearerError is { } bearer && bearer.All(c => char.IsAsciiLetterLower(c) || c == '_') ? bearer : $"http_{problem.Status}";
    }

    /// <summary>Printable text only, one line, bounded.</summary>
    private static string Clean(string text)
    {
        var clean = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c).Where(c => char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)]);
        return clean.Length <= MaxLength ? clean : clean[..(MaxLength - 1)] + "…";
    }
}
