using System.Globalization;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Products;

/// <summary>The parsed query of GET /products: search terms (all must match) and an optional size in stock.</summary>
internal sealed record CatalogQuery(IReadOnlyList<string> Terms, decimal? Size)
{
    public const int MaxQueryLength = 100;

    public const int MaxTerms = 8;

    /// <summary>Parses the raw query-string values; on failure returns the field errors instead.</summary>
    public static CatalogQuery? Parse(string? query, string? size, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var terms = Array.Empty<string>();
        if (!string.IsNullOrWhiteSpace(query))
        {
            if (query.Length > MaxQueryLength)
            {
                errors["query"] = [$"Use at most {MaxQueryLength} characters."];
            }
            else
            {
                terms = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (terms.Length > MaxTerms)
                {
                    errors["query"] = [$"Use at most {MaxTerms} words."];
                }
            }
        }

        decimal? parsedSize = null;
        if (!string.IsNullOrWhiteSpace(size))
        {
            if (decimal.TryParse(size, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && SizeFormat.IsValid(value))
            {
                parsedSize = value;
            }
            else
            {
                errors["size"] = [SizeFormat.Rule];
            }
        }

        return errors.Count == 0 ? new CatalogQuery(terms, parsedSize) : null;
    }

    /// <summary>A SQL LIKE pattern that matches <paramref name="term"/> anywhere, with <c>\</c> escaping wildcards.</summary>
    public static string ContainsPattern(string term) =>
        "%" + term.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
