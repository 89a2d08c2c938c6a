using System.Text.RegularExpressions;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Quotes;

/// <summary>The item of a quote or order: <c>{ productId, size, quantity }</c>, each field checked.</summary>
internal sealed partial record PurchaseItem(string? ProductId, decimal? Size, int? Quantity)
{
    public const int MaxQuantity = 10;

    /// <summary>Adds an error per field that is missing or not valid.</summary>
    public static void Validate(string? productId, decimal? size, int? quantity, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(productId))
        {
            errors["productId"] = ["Required: a catalog id such as nike-pegasus-41."];
        }
        else if (productId.Length > 64 || !ProductIdPattern().IsMatch(productId))
        {
            errors["productId"] = ["Use a catalog id: lower-case letters, digits and dashes, e.g. nike-pegasus-41."];
        }

        if (size is null)
        {
            errors["size"] = ["Required: a US size, e.g. 10.5."];
        }
        else if (!SizeFormat.IsValid(size.Value))
        {
            errors["size"] = [SizeFormat.Rule];
        }

        if (quantity is null)
        {
            errors["quantity"] = ["Required: the number of pairs."];
        }
        else if (quantity is < 1 or > MaxQuantity)
        {
            errors["quantity"] = [$"Order from 1 to {MaxQuantity} pairs."];
        }
    }

    // Anchored patterns without nested quantifiers run in linear time: no match timeout, which on a busy machine
    // only ever turns a valid request into a 500.
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ProductIdPattern();
}
